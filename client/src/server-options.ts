/** How the language server process is started (shared with the latency benchmark, which starts it the same way). */

/**
 * Node flags of the server process, measured with `npm run bench` (1000 edits, the largest corpus
 * files first):
 * - `--expose-gc`: the server collects the young generation between keystrokes (server/src/lsp/idle-gc.ts);
 * - a young generation of 3 MB semi-spaces (instead of up to 16 MB): large enough that an analysis
 *   of the largest file (about 1.6 MB allocated) runs without a scavenge once the young generation
 *   was emptied between keystrokes (with 2 MB, four keystrokes in ten still had one, and p50 was
 *   1–2 ms higher), small enough for the RSS budget;
 * - an old generation capped at 512 MB (instead of a share of the machine's memory): V8 then grows
 *   the heap in smaller steps, and RSS stayed near 100 MB instead of 140–155 MB at the same latency.
 *   The heap of a language server for Dockerfiles holds a few models; 512 MB is far above that;
 * - one V8 worker thread (instead of four) for background compilation and garbage collection: RSS
 *   after 1000 edits was 88.8–90.0 MB against 96.5–100.3 MB with four, at the same or lower
 *   latency (fewer threads' memory, and no background work competing with the keystrokes).
 */
export const SERVER_NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=3', '--max-old-space-size=512', '--v8-pool-size=1'];
