package uk.vruhub.aggregator.tracker;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;

/**
 * Whether an agency's feed is on time, by how overdue its newest published extract is. The next
 * extract is due one cadence after the newest one; GREEN until the grace period after that has
 * passed, AMBER for one more cadence (one delivery missed), RED after that or when no extract was
 * ever published. Computed on dates, so the answer does not change with the time of day.
 */
public enum Rag {
  GREEN("On time"),
  AMBER("Overdue"),
  RED("Seriously overdue");

  private final String label;

  Rag(String label) {
    this.label = label;
  }

  /** The status in words, so that the screen never says it with colour alone. */
  public String label() {
    return label;
  }

  /**
   * The assessment of a feed.
   *
   * @param rag the status
   * @param due when the next extract was due; null when none was ever published
   * @param daysPastDue days since it was due when AMBER or RED; null when GREEN (not yet due, or
   *     late within the grace period), as the status in words says
   * @param label the status in words, with how overdue
   */
  public record Assessment(Rag rag, LocalDate due, Long daysPastDue, String label) {}

  /**
   * @param newest the extract date of the newest published extract, or null
   * @param cadence how often an extract is expected
   * @param grace how late one may be before it counts as overdue
   * @param today today's date where the partnership is
   */
  public static Assessment assess(LocalDate newest, Period cadence, Period grace, LocalDate today) {
    if (newest == null) {
      return new Assessment(RED, null, null, RED.label + ": no extract received");
    }
    // From the newest extract's own date each time, never from the previous due date: a monthly
    // extract of 31 January is due 28 February, and one of 28 February is due 28 March.
    LocalDate due = newest.plus(cadence);
    long overdue = Math.max(0, ChronoUnit.DAYS.between(due, today));
    LocalDate lateFrom = due.plus(grace);
    Rag rag =
        !today.isAfter(lateFrom) ? GREEN : !today.isAfter(lateFrom.plus(cadence)) ? AMBER : RED;
    String words =
        rag == GREEN
            ? GREEN.label
            : rag.label + ": " + overdue + (overdue == 1 ? " day" : " days") + " past due";
    return new Assessment(rag, due, rag == GREEN ? null : overdue, words);
  }
}
