import { useMemo } from 'react';
import { QUIET_ZONE, qrModules, qrPath } from './qrMatrix';

/** A QR code of `text`, as an image with a name for assistive technology. */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => {
    const modules = qrModules(text);
    return { size: modules.length + QUIET_ZONE * 2, path: qrPath(modules) };
  }, [text]);
  return (
    <svg className={className} role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
