package uk.vruhub.ingest.core.feed;

/**
 * How a feed's rows are spread over worker threads (keys {@code hub.ingest.pipeline.*}, see the
 * ingest-core README). The reader cuts the feed into chunks of at most {@code chunkRows} rows and
 * {@code chunkChars} bytes of rows; workers parse, validate, pseudonymise and encode them; the
 * feed's thread sends them in row order. At most {@code maxChunksInFlight} chunks are read and not
 * yet sent, so what a feed holds in memory is bounded by {@code maxChunksInFlight × (chunkChars +
 * one row)} characters of values and their encoded records, whatever the feed's size.
 *
 * @param workers threads that validate, pseudonymise and encode rows
 * @param chunkRows most rows in a chunk
 * @param chunkChars bytes of rows (UTF-8, as in the feed) after which a chunk is closed, so that
 *     wide rows make small chunks
 * @param maxChunksInFlight most chunks read and not yet sent
 */
public record PipelineSettings(int workers, int chunkRows, int chunkChars, int maxChunksInFlight) {

  /** Rows per chunk by default: enough to make handing a chunk over cheap beside its work. */
  public static final int DEFAULT_CHUNK_ROWS = 512;

  /** Characters of values per chunk by default (1 Mi). */
  public static final int DEFAULT_CHUNK_CHARS = 1 << 20;

  public PipelineSettings {
    require(workers, "workers");
    require(chunkRows, "chunk-rows");
    require(chunkChars, "chunk-chars");
    require(maxChunksInFlight, "max-chunks-in-flight");
  }

  private static void require(int value, String key) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "hub.ingest.pipeline." + key + " must be at least 1, not " + value);
    }
  }

  /**
   * One worker per processor, 512-row chunks, and four chunks in flight per worker: enough that the
   * workers never wait for the sender to take a chunk, little enough to be a few MiB.
   */
  public static PipelineSettings defaults() {
    return forWorkers(Runtime.getRuntime().availableProcessors());
  }

  /** The defaults for this many workers. */
  public static PipelineSettings forWorkers(int workers) {
    return new PipelineSettings(
        workers, DEFAULT_CHUNK_ROWS, DEFAULT_CHUNK_CHARS, Math.max(4, 4 * workers));
  }
}
