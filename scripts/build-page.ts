/**
 * Rewrites OUT/index.html (default out/) from OUT/graph.json without rerunning the build:
 * for working on the page (src/ui/app.js, src/ui/style.css) against a real graph.
 *
 *   npx tsc -p . && node dist/scripts/build-page.js out && open out/index.html
 */
import { readGraph } from '../src/graph/read.js';
import { htmlExporter } from '../src/export/html.js';

const outDir = process.argv[2] ?? 'out';
const graph = await readGraph(outDir);
const [path] = await htmlExporter.write(graph, outDir);
process.stderr.write(`build-page: ${graph.nodes.length} nodes, ${graph.relationships.length} relationships → ${path}\n`);
