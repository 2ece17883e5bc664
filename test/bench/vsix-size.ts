/** The size of the packaged extension (`npm run package`), against the 2 MB budget. */
import { statSync } from 'node:fs';
import * as path from 'node:path';

const vsix = path.resolve(__dirname, '../../dockerfile-optimizer.vsix');
const size = statSync(vsix).size;
console.log(`VSIX: ${(size / 1024 / 1024).toFixed(2)} MiB (${size} bytes; budget 2 MiB)`);
