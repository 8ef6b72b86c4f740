package uk.vruhub.ingest.core.feed;

/**
 * A row that could not be processed for a reason other than its content breaking the contract (a
 * fault in a mapping, the registry unreachable while encoding): the feed fails, and its message
 * names the row by number only ({@link FeedProcessor#describe} adds the cause's kind).
 */
final class RowFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long row;

  RowFailedException(long row, RuntimeException cause) {
    super("row " + row + " could not be processed", cause);
    this.row = row;
  }

  /** The row, header = 1. */
  long row() {
    return row;
  }
}
