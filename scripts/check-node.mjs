// pnpm puts the pinned Node 24 (root devDependency `node`) first on PATH for every script.
// Fail early and clearly when something runs the suite on an older Node.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Earshot needs Node >= 22.12 (pinned: 24). This script ran on ${process.versions.node}.`);
  console.error('Run it through pnpm (pnpm test), which uses the Node 24 pinned in package.json.');
  process.exit(1);
}
console.log(`node ${process.versions.node}`);
