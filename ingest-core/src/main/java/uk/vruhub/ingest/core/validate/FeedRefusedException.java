package uk.vruhub.ingest.core.validate;

/**
 * A feed refused whole: a structural fault (missing column, empty file, unreadable encoding) or too
 * many rejected rows. Nothing of the feed is published. The message never holds a feed value.
 */
public final class FeedRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public FeedRefusedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Reason code, e.g. {@code MISSING_COLUMNS}. */
  public String reason() {
    return reason;
  }
}
