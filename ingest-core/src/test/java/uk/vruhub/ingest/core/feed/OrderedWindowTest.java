package uk.vruhub.ingest.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ordered reassembly the feed pipeline sends by: results in submission order whatever order the
 * work finishes in, never more than the window in flight, the submitter held back while it is full.
 */
class OrderedWindowTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void resultsAreHandedOverInTheOrderSubmittedWhateverOrderTheyFinishIn() throws Exception {
    int chunks = 4;
    List<CountDownLatch> release = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      release.add(new CountDownLatch(1));
    }
    List<Integer> handedOver = Collections.synchronizedList(new ArrayList<>());
    List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
    OrderedWindow<Integer> window = new OrderedWindow<>(pool, chunks, handedOver::add);
    for (int i = 0; i < chunks; i++) {
      int n = i;
      window.submit(
          () -> {
            release.get(n).await();
            finished.add(n);
            return n;
          });
    }
    // The last submitted finishes first, the first last.
    for (int i = chunks - 1; i >= 0; i--) {
      release.get(i).countDown();
      int done = chunks - i;
      await().atMost(Duration.ofSeconds(10)).until(() -> finished.size() == done);
    }
    window.finish();

    assertThat(finished).containsExactly(3, 2, 1, 0);
    assertThat(handedOver).containsExactly(0, 1, 2, 3);
  }

  @Test
  void aManyChunkRunHandsEveryResultOverOnceInOrderAndNeverHasMoreThanTheWindowOut()
      throws Exception {
    int bound = 3;
    AtomicInteger started = new AtomicInteger();
    AtomicInteger handed = new AtomicInteger();
    AtomicInteger mostOutAtOnce = new AtomicInteger();
    List<Integer> handedOver = new ArrayList<>();
    OrderedWindow<Integer> window =
        new OrderedWindow<>(
            pool,
            bound,
            n -> {
              handedOver.add(n);
              handed.incrementAndGet();
            });
    for (int i = 0; i < 2_000; i++) {
      int n = i;
      window.submit(
          () -> {
            // Counted by the work itself: started and not yet handed over.
            mostOutAtOnce.accumulateAndGet(started.incrementAndGet() - handed.get(), Math::max);
            if (n % 7 == 0) {
              Thread.yield();
            }
            return n;
          });
      assertThat(window.inFlight()).isLessThanOrEqualTo(bound);
    }
    window.finish();

    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      expected.add(i);
    }
    assertThat(handedOver).containsExactlyElementsOf(expected);
    assertThat(window.peakInFlight()).isBetween(1, bound);
    assertThat(mostOutAtOnce.get()).isBetween(1, bound);
  }

  @Test
  void theSubmitterWaitsWhileTheWindowIsFull() throws Exception {
    int bound = 2;
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger submittedBySubmitter = new AtomicInteger();
    OrderedWindow<Integer> window = new OrderedWindow<>(pool, bound, n -> {});
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread submitter =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 5; i++) {
                  window.submit(
                      () -> {
                        started.incrementAndGet();
                        release.await();
                        return 0;
                      });
                  submittedBySubmitter.incrementAndGet();
                }
                window.finish();
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    submitter.start();

    // Two chunks out and held: the third submit waits for the first to be handed over.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                submitter.getState() == Thread.State.WAITING
                    && started.get() == bound
                    && submittedBySubmitter.get() == bound);
    assertThat(started).hasValue(bound);
    assertThat(window.peakInFlight()).isEqualTo(bound);

    release.countDown();
    submitter.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(submitter.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
    assertThat(started).hasValue(5);
    assertThat(window.peakInFlight()).isEqualTo(bound);
  }

  @Test
  void aConsumerThatThrowsStopsTheHandOverAndWhatIsLeftCanBeCancelled() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    OrderedWindow<Integer> window =
        new OrderedWindow<>(
            pool,
            4,
            n -> {
              throw new IllegalStateException("sink refused chunk " + n);
            });
    CountDownLatch go = new CountDownLatch(1);
    window.submit(
        () -> {
          go.await();
          return 0;
        });
    window.submit(
        () -> {
          never.await();
          return 1;
        });
    go.countDown();

    assertThatThrownBy(window::finish).hasMessage("sink refused chunk 0");
    window.cancel();
    assertThat(window.inFlight()).isZero();
  }
}
