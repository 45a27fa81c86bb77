// Refuses to go on under an older Node than a step needs, saying which step and why, instead of
// failing later with an engine error deep inside a tool. Usage: node scripts/requireNode.mjs 22.12 "what"
const [wanted = '', what = 'This step'] = process.argv.slice(2);
const parse = (version) => version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
const [major, minor] = parse(process.version);
const [needMajor, needMinor] = parse(wanted);
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  console.error(`${what} needs Node ${wanted} or later; this is Node ${process.version.slice(1)}. Running, testing and serving Accord need only Node 20.19.`);
  process.exit(1);
}
