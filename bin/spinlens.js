#!/usr/bin/env node
// The installed command: runs the compiled CLI (npm install builds dist/ through "prepare").
const cli = await import('../dist/cli/main.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write(
    `spinlens: cannot load the CLI (${error.message}); run npm install or npm run build\n`,
  );
  process.exit(3);
});

process.exitCode = await cli.run(process.argv.slice(2));
