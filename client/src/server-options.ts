/** How the language server process is started (shared with the latency benchmark, which starts it the same way). */

/**
 * Node flags of the server process, measured on 1000 edits of the largest corpus file:
 * - `--expose-gc`: the server collects the young generation between keystrokes (server/src/lsp/idle-gc.ts);
 * - a young generation of 3 MB semi-spaces (instead of up to 16 MB): large enough that an analysis
 *   of that file (about 1.6 MB allocated) runs without a scavenge once the young generation was
 *   emptied between keystrokes (with 2 MB, four keystrokes in ten still had one), small enough to
 *   keep RSS under 100 MB;
 * - an old generation capped at 512 MB (instead of a share of the machine's memory): V8 then grows
 *   the heap in smaller steps, and RSS stayed near 100 MB instead of 140–155 MB at the same latency.
 *   The heap of a language server for Dockerfiles holds a few models; 512 MB is far above that.
 */
export const SERVER_NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=3', '--max-old-space-size=512'];
