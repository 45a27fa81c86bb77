// Imported first by main.tsx, so it runs before any other module is evaluated: `npm run bench`
// reads this mark to tell script loading and compiling apart from evaluating the app's modules.
performance.mark('accord:modules-start');
