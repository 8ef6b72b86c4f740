package uk.vruhub.ingest.core.feed;

/** Where a feed is in its life. The last four are final. */
public enum FeedState {
  RECEIVED,
  VALIDATING_AND_PUBLISHING,
  PUBLISHED,
  REJECTED,
  DUPLICATE,
  FAILED;

  public boolean finished() {
    return ordinal() >= PUBLISHED.ordinal();
  }
}
