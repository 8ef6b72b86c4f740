package uk.vruhub.policy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.policy.model.PolicyParser;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.policy.report.PolicyDiff;
import uk.vruhub.policy.report.PolicyReport;
import uk.vruhub.policy.report.TopicConfigs;
import uk.vruhub.policy.validate.PolicyException;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * The policy tools for information-governance officers and operators: {@code check}, {@code
 * report}, {@code diff}, {@code acls}, {@code topics} and {@code apply}. Exit status 0 means
 * success; {@code check} exits 1 when the policy breaks any rule, {@code apply} when the cluster
 * could not be brought in line with it, {@code diff --fail-on-widening} exits 3 when a change
 * widens disclosure, and every command exits 2 on a usage error. Standard output and standard error
 * carry only what the command says unless {@code --log-level} or {@code --verbose} asks for the
 * libraries' logs (see {@link CliLogging}).
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    // Subcommands inherit --help and --version: "policy check --help" must not be a usage error.
    scope = ScopeType.INHERIT,
    description =
        "Checks, reports and compares the hub's information-sharing policy, and generates and"
            + " applies the ACLs and topic configuration it implies.",
    subcommands = {
      PolicyCli.Check.class,
      PolicyCli.Report.class,
      PolicyCli.Diff.class,
      PolicyCli.Acls.class,
      PolicyCli.Topics.class,
      ApplyCommand.class
    })
public final class PolicyCli {

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      scope = ScopeType.INHERIT,
      description =
          "Log at LEVEL and above, the libraries' messages too, to standard error: one of"
              + " ${COMPLETION-CANDIDATES} (default: only warnings and errors of the hub's own"
              + " code).")
  void logLevel(CliLogging.Level level) {
    CliLogging.level(level);
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "The same as --log-level info.")
  void verbose(boolean verbose) {
    if (verbose) {
      CliLogging.level(CliLogging.Level.INFO);
    }
  }

  public static void main(String[] args) {
    CliLogging.quietByDefault();
    System.exit(
        run(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs a command with the given output streams; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new PolicyCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println(e.getMessage());
          return e instanceof PolicyException ? 1 : 2;
        });
    return cli.execute(args);
  }

  @Command(
      name = "check",
      description =
          "Checks a policy against the schemas, the topic spec and the rules of its levels.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "POLICY", description = "The policy file.")
    Path file;

    @Option(
        names = "--areas",
        description = "An area lookup (areas.csv) to check the policy's area levels against.")
    Path areas;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try {
        Policy policy = Policy.load(file);
        if (areas != null) {
          AreaHierarchy hierarchy = AreaHierarchy.load(areas);
          out.println("Area lookup " + areas + ": " + hierarchy.size() + " areas.");
        }
        out.println(
            "OK: policy "
                + policy.identity().id()
                + " version "
                + policy.identity().version()
                + " (sha256 "
                + policy.identity().sha256()
                + ") may be enforced: "
                + policy.document().topics().size()
                + " topics, "
                + policy.recipients().size()
                + " recipients.");
        return 0;
      } catch (PolicyException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "report",
      description =
          "Prints the whole policy as readable tables (Markdown, or a self-contained HTML page).")
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "POLICY", description = "The policy file.")
    Path file;

    @Option(
        names = "--format",
        defaultValue = "markdown",
        description = "markdown or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", description = "Write to this file instead of standard output.")
    Path target;

    @Override
    public Integer call() throws IOException {
      var document = PolicyReport.build(Policy.load(file), TopicCatalogue.load());
      String text =
          switch (format) {
            case "markdown", "md" -> document.markdown();
            case "html" -> document.html();
            default ->
                throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format must be markdown or html");
          };
      write(spec, target, text);
      return 0;
    }
  }

  /** The exit status of {@code diff --fail-on-widening} when any change widens disclosure. */
  static final int WIDENING = 3;

  @Command(
      name = "diff",
      description =
          "Says what changed between two versions of a policy, marking what widens or narrows"
              + " disclosure. A change whose direction cannot be decided is marked WIDENS (review"
              + " required); NEUTRAL is descriptive text only. Exits 0, or "
              + WIDENING
              + " with --fail-on-widening when any change widens; 1 when a file is not a"
              + " readable policy; 2 on a usage error or a missing file.")
  static final class Diff implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The policy in force.")
    Path before;

    @Parameters(index = "1", paramLabel = "NEW", description = "The proposed policy.")
    Path after;

    @Option(
        names = "--fail-on-widening",
        description =
            "Exit with status "
                + WIDENING
                + " when any change widens disclosure (or needs review), so a pipeline can hold"
                + " the change until it is signed off.")
    boolean failOnWidening;

    @Override
    public Integer call() throws IOException {
      List<PolicyDiff.Change> changes =
          PolicyDiff.between(
              PolicyParser.parse(Files.readAllBytes(before), before.toString()),
              PolicyParser.parse(Files.readAllBytes(after), after.toString()));
      PrintWriter out = spec.commandLine().getOut();
      if (changes.isEmpty()) {
        out.println("No changes.");
      }
      long widenings =
          changes.stream().filter(c -> c.direction() == PolicyDiff.Direction.WIDENS).count();
      long neutral =
          changes.stream().filter(c -> c.direction() == PolicyDiff.Direction.NEUTRAL).count();
      changes.forEach(out::println);
      if (neutral > 0) {
        out.println(
            neutral
                + (neutral == 1 ? " change is" : " changes are")
                + " NEUTRAL: descriptive text only (names, rationale, descriptions, wording,"
                + " order), which does not change what is disclosed, to whom or for how long.");
      }
      if (widenings > 0) {
        out.println(
            widenings
                + (widenings == 1
                    ? " change widens disclosure and needs"
                    : " changes widen disclosure and need")
                + " sign-off under the agreement.");
        if (failOnWidening) {
          spec.commandLine()
              .getErr()
              .println(
                  "Refused (--fail-on-widening): "
                      + widenings
                      + (widenings == 1 ? " change widens" : " changes widen")
                      + " disclosure; have the IG officer sign off the WIDENS lines above before"
                      + " this policy is merged.");
          return WIDENING;
        }
      }
      return 0;
    }
  }

  @Command(
      name = "acls",
      description =
          "Prints the Kafka ACLs the policy implies, as Strimzi KafkaUser resources or a plain"
              + " list.")
  static final class Acls implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "POLICY", description = "The policy file.")
    Path file;

    @Option(
        names = "--format",
        defaultValue = "strimzi",
        description = "strimzi or plain (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--cluster",
        defaultValue = "vru-hub",
        description = "Strimzi cluster name (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--out", description = "Write to this file instead of standard output.")
    Path target;

    @Override
    public Integer call() throws IOException {
      List<AccessRules.Grant> grants = AccessRules.grants(Policy.load(file), TopicCatalogue.load());
      String text =
          switch (format) {
            case "strimzi" -> StrimziYaml.users(grants, cluster);
            case "plain" -> plain(grants);
            default ->
                throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format must be strimzi or plain");
          };
      write(spec, target, text);
      return 0;
    }

    private static String plain(List<AccessRules.Grant> grants) {
      StringBuilder out = new StringBuilder();
      for (AccessRules.Grant g : grants) {
        out.append(g.principal())
            .append(' ')
            .append(String.join(",", g.operations()))
            .append(' ')
            .append(g.resourceType())
            .append(':')
            .append(g.name())
            .append(g.prefixed() ? "*" : "")
            .append("   # ")
            .append(g.why())
            .append('\n');
      }
      return out.toString();
    }
  }

  @Command(
      name = "topics",
      description =
          "Prints every topic's configuration (topic spec plus the policy's retention), as Strimzi"
              + " KafkaTopic resources or a plain list.")
  static final class Topics implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "POLICY", description = "The policy file.")
    Path file;

    @Option(
        names = "--format",
        defaultValue = "strimzi",
        description = "strimzi or plain (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--cluster",
        defaultValue = "vru-hub",
        description = "Strimzi cluster name (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(
        names = "--replicas",
        defaultValue = "3",
        description = "Replication factor (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--out", description = "Write to this file instead of standard output.")
    Path target;

    @Override
    public Integer call() throws IOException {
      Policy policy = Policy.load(file);
      TopicCatalogue catalogue = TopicCatalogue.load();
      StringBuilder out = new StringBuilder();
      for (TopicSpec topic : catalogue.all()) {
        Map<String, String> config = TopicConfigs.effective(topic, policy, replicas);
        switch (format) {
          case "strimzi" -> out.append(StrimziYaml.topic(topic, config, replicas, cluster));
          case "plain" -> {
            out.append(topic.name())
                .append(" partitions=")
                .append(topic.partitions())
                .append(" replicas=")
                .append(replicas);
            config.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
            out.append('\n');
          }
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "--format must be strimzi or plain");
        }
      }
      write(spec, target, out.toString());
      return 0;
    }
  }

  private static void write(CommandSpec spec, Path target, String text) throws IOException {
    if (target == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(target, text, StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("Wrote " + target);
    }
  }
}
