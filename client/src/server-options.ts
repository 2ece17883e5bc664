/** How the language server process is started (shared with the latency benchmark, which starts it the same way). */

/**
 * Node flags of the server process, measured on 1000 edits of the largest corpus file:
 * - a young generation of 2 MB semi-spaces (instead of up to 16 MB): an analysis leaves little
 *   behind, so small, frequent scavenges are cheap (RSS 102 MB with 2 MB, 107 MB with 4 MB, at the
 *   same latency);
 * - an old generation capped at 512 MB (instead of a share of the machine's memory): V8 then grows
 *   the heap in smaller steps, and RSS stayed near 100 MB instead of 140–155 MB at the same latency.
 *   The heap of a language server for Dockerfiles holds a few models; 512 MB is far above that.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=512'];
