'use strict';
// npm pack runs this first (prepack): it compiles psvtab.so from the C
// sources of the psvtab repository around this folder (or PSVTAB_SRC) with
// tools/cc-module, and copies the LICENSE, so that the tarball carries a
// module built for this platform and installs without a compiler.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const here = __dirname;
const root = process.env.PSVTAB_SRC || path.join(here, '..');
const configure = fs.readFileSync(path.join(root, 'configure.ac'), 'utf8');
const found = /AC_INIT\(\[psvtab\], \[([^\]]+)\]/.exec(configure);
const version = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).version;
if (!found || found[1] !== version) {
  console.error(`psvtab: package.json says ${version}, configure.ac ${found ? found[1] : 'nothing'}: make them agree`);
  process.exit(1);
}
execFileSync('sh', [path.join(root, 'tools', 'cc-module'), root, path.join(here, 'psvtab.so')], { stdio: 'inherit' });
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(here, 'LICENSE'));
