package uk.vruhub.policy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.apply.ApplyResult;
import uk.vruhub.policy.apply.ClusterPolicy;
import uk.vruhub.policy.apply.ClusterPolicyException;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * {@code policy apply}: the topic job on the command line. Changes and the summary go to standard
 * output, warnings, refusals and failures to standard error. The Admin client's settings come from
 * a properties file, as Kafka's own tools take them, so nothing secret is on the command line; the
 * command never prints them.
 */
@Command(
    name = "apply",
    description =
        "Applies the policy to a Kafka cluster: creates and configures the topics of the topic spec"
            + " with the policy's retention, grants and revokes the ACL bindings the policy"
            + " implies, and sets the passwords of the SCRAM users given. Prints each change; a"
            + " cluster already in line gets 'No changes.'. Exits 1 when the cluster could not be"
            + " brought in line.")
final class ApplyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "POLICY", description = "The policy file.")
  Path file;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "LIST",
      description = "The cluster's bootstrap servers, e.g. kafka-1:9092,kafka-2:9092.")
  String bootstrapServers;

  @Option(
      names = "--replication-factor",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Replicas of the topics the job creates; above 1, min.insync.replicas is set too"
              + " (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Admin client properties (security.protocol, sasl.*, ssl.*), as Kafka's own tools take"
              + " them.")
  Path commandConfig;

  @Option(
      names = "--topic-spec",
      paramLabel = "FILE",
      description = "A topic spec to use instead of the shipped one, e.g. with more partitions.")
  Path topicSpec;

  @Option(
      names = "--kafka-users",
      paramLabel = "DIR",
      description =
          "A folder with one file per SCRAM-SHA-512 user, named after the user and holding its"
              + " password: each user is created, or its password set, unless that password"
              + " already lets it in. Prints the users set, never a password.")
  Path kafkaUsers;

  @Option(
      names = "--require-acls",
      description =
          "Refuse, before changing anything, a cluster that has no authorizer (exit 1); without"
              + " it, such a cluster gets a warning and its topics are still applied.")
  boolean requireAcls;

  @Option(
      names = "--wait-seconds",
      defaultValue = "0",
      paramLabel = "S",
      description =
          "Keep trying for up to S seconds while the cluster is not yet up or has fewer brokers"
              + " than the replication factor (default: ${DEFAULT-VALUE}).")
  long waitSeconds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (replicationFactor < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--replication-factor must be at least 1");
    }
    if (waitSeconds < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--wait-seconds must not be negative");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TopicCatalogue catalogue =
        topicSpec == null ? TopicCatalogue.load() : TopicCatalogue.load(topicSpec);
    Policy policy = Policy.load(file, catalogue);
    Map<String, Object> admin = adminConfig();
    ClusterPolicy.Options options = new ClusterPolicy.Options(replicationFactor, requireAcls);
    if (kafkaUsers != null) {
      if (!Files.isDirectory(kafkaUsers)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--kafka-users " + kafkaUsers + " is not a folder");
      }
      try {
        options = options.withKafkaUsers(ClusterPolicy.kafkaUsers(kafkaUsers));
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
    while (true) {
      try {
        ApplyResult result = ClusterPolicy.apply(admin, policy, catalogue, options);
        result.changes().forEach(out::println);
        result.warnings().forEach(w -> err.println("WARNING: " + w));
        result.refusals().forEach(r -> err.println("REFUSED: " + r));
        out.println(result.summary());
        return result.inLine() ? 0 : 1;
      } catch (ClusterPolicyException e) {
        e.made().forEach(out::println);
        if (!e.retriable() || System.nanoTime() > deadline) {
          err.println(e.getMessage());
          if (!e.made().isEmpty()) {
            err.println(
                e.made().size()
                    + " changes were made before that; running the job again finishes the rest.");
          }
          return 1;
        }
        err.println("Waiting for the cluster: " + e.getMessage());
        // A cluster coming up takes seconds; the rerun is safe whatever was done before.
        Thread.sleep(3_000);
      }
    }
  }

  /** The properties file's settings, with the bootstrap servers of the option. */
  private Map<String, Object> adminConfig() throws IOException {
    Map<String, Object> config = new HashMap<>();
    if (commandConfig != null) {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(commandConfig)) {
        properties.load(in);
      } catch (IOException e) {
        // The message names the file, never its content.
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Cannot read --command-config " + commandConfig);
      }
      properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
    }
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "vruhub-policy-apply");
    return config;
  }
}
