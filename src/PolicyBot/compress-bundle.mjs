// Writes FILE.br and FILE.gz beside FILE at the strongest settings: the bot serves them to browsers that accept
// them (WebChat/PrecompressedFiles.cs). Run by PolicyBot.csproj at build, once per bundle version.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  writeFileSync(file + '.br', brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }));
  writeFileSync(file + '.gz', gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
}
