/** How the language server process is started (shared with the latency benchmark, which starts it the same way). */

/**
 * Node flags of the server process. A young generation of 4 MB semi-spaces (instead of up to 16 MB)
 * keeps the server's memory about 50 MB lower while a person types, at no measured cost in latency:
 * each analysis leaves little behind, so small, frequent scavenges are cheap.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
