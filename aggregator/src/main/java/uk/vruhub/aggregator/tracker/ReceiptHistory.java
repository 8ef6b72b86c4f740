package uk.vruhub.aggregator.tracker;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;

/**
 * What the tracker keeps of the feed receipts, bounded: per agency the newest published extract (by
 * extract date, then completion), how many receipts of each outcome were seen, and the most recent
 * receipts (by completion). Receipts are added as they are read; nothing else of them is kept. Not
 * thread-safe.
 */
final class ReceiptHistory {

  private static final Comparator<FeedReceipt> NEWEST_EXTRACT =
      Comparator.comparing(FeedReceipt::getExtractDate).thenComparing(FeedReceipt::getCompletedAt);

  private final int kept;
  private final Map<Agency, FeedReceipt> newestPublished = new EnumMap<>(Agency.class);
  private final Map<Agency, Deque<FeedReceipt>> recent = new EnumMap<>(Agency.class);
  private final Map<Agency, Map<FeedOutcome, Long>> outcomes = new EnumMap<>(Agency.class);

  ReceiptHistory(int kept) {
    this.kept = kept;
  }

  void add(FeedReceipt r) {
    if (r.getOutcome() == FeedOutcome.PUBLISHED) {
      newestPublished.merge(
          r.getAgency(), r, (was, now) -> NEWEST_EXTRACT.compare(now, was) > 0 ? now : was);
    }
    outcomes
        .computeIfAbsent(r.getAgency(), a -> new EnumMap<>(FeedOutcome.class))
        .merge(r.getOutcome(), 1L, Long::sum);
    Deque<FeedReceipt> list = recent.computeIfAbsent(r.getAgency(), a -> new ArrayDeque<>());
    list.addFirst(r);
    // Receipts arrive almost in completion order (one topic per agency); keep the newest.
    if (list.size() > kept) {
      FeedReceipt oldest =
          list.stream().min(Comparator.comparing(FeedReceipt::getCompletedAt)).orElseThrow();
      list.remove(oldest);
    }
  }

  FeedReceipt newestPublished(Agency agency) {
    return newestPublished.get(agency);
  }

  Map<FeedOutcome, Long> outcomes(Agency agency) {
    return outcomes.getOrDefault(agency, Map.of());
  }

  /** The most recent receipts of an agency, newest completion first. */
  List<FeedReceipt> recent(Agency agency) {
    return recent.getOrDefault(agency, new ArrayDeque<>()).stream()
        .sorted(Comparator.comparing(FeedReceipt::getCompletedAt).reversed())
        .toList();
  }
}
