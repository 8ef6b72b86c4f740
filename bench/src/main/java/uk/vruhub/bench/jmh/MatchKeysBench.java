package uk.vruhub.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uk.vruhub.ingest.core.identity.Identity;
import uk.vruhub.ingest.core.identity.LinkageSecret;
import uk.vruhub.ingest.core.identity.Pseudonymiser;

/** Identity normalisation + every match key of one person, beside one HMAC-SHA256. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatchKeysBench {

  private static final byte[] SECRET =
      "benchmark-linkage-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);

  private Pseudonymiser pseudonymiser;
  private Identity[] people;
  private Mac mac;
  private byte[][] inputs;
  private int next;

  @Setup
  public void setUp() throws GeneralSecurityException {
    pseudonymiser = new Pseudonymiser(new LinkageSecret(SECRET, "bench"));
    String[] forenames = {"William", "Bill", "Zoë", "Mary-Jane", "O'Neil", "Kieran", "Sophie"};
    String[] surnames = {"Smith", "Ziółkowski", "O'Brien", "Smith-Jones", "MacLeod", "Nguyen"};
    people = new Identity[1024];
    inputs = new byte[1024][];
    for (int i = 0; i < people.length; i++) {
      people[i] =
          new Identity(
              surnames[i % surnames.length],
              forenames[i % forenames.length] + (i % 3 == 0 ? " James" : ""),
              LocalDate.of(1990 + i % 20, 1 + i % 12, 1 + i % 28),
              i % 2 == 0 ? "M" : "F",
              "XA" + (1 + i % 9) + " " + (1 + i % 9) + "AB",
              i % 2 == 0 ? "9990001237" : null,
              i % 3 == 0 ? "A99140011905" + (i % 10) : null,
              i % 5 == 0 ? "26/0001234Z" : null,
              i % 5 == 0 ? "N" + (1_000_000 + i) : null);
      inputs[i] = ("SMITH|WILLIAM|1990-01-01|M|" + i).getBytes(StandardCharsets.UTF_8);
    }
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
  }

  @Benchmark
  public Object normaliseAndAllMatchKeys() {
    return pseudonymiser.matchKeys(people[next++ & 1023]);
  }

  @Benchmark
  public byte[] baselineOneHmacSha256() {
    return mac.doFinal(inputs[next++ & 1023]);
  }
}
