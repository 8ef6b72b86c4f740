package uk.vruhub.policy.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SecurityDisabledException;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;
import uk.vruhub.security.KafkaClientSecurity;
import uk.vruhub.security.SecretFiles;

/**
 * The topic job: brings a Kafka cluster in line with the policy through the Admin API, and says
 * what it changed. It creates and configures the topics of the topic spec ({@link TopicPlan}: the
 * policy's retention reaches the cluster) and grants and revokes ACL bindings ({@link AclPlan}: a
 * policy that narrows access takes effect when the job runs), and sets the passwords of the SCRAM
 * users it is given (services and recipients; {@link Options#kafkaUsers}). It only ever moves the
 * cluster towards the policy, so running it again is always safe and a run that finds the cluster
 * in line changes nothing.
 *
 * <p>A cluster without an authorizer cannot hold ACLs: the job then says, loudly, how many bindings
 * the policy implies that are not enforced, and (unless {@link Options#requireAcls} refuses such a
 * cluster before anything is changed) carries on with the topics.
 *
 * <p>Kafka applies ACL and configuration changes through its metadata log, so a broker may answer
 * with the old state for a moment after a change; a rerun at that moment repeats the change, which
 * is harmless.
 */
public final class ClusterPolicy {

  /** Iterations of SCRAM-SHA-512 (Kafka's minimum is 4096). */
  private static final int SCRAM_ITERATIONS = 8192;

  /** How long each request to the cluster may take. */
  private static final long TIMEOUT_SECONDS = 60;

  /**
   * How to apply.
   *
   * @param replicationFactor replicas of the topics the job creates
   * @param requireAcls refuse, before changing anything, a cluster that has no authorizer
   * @param kafkaUsers SCRAM-SHA-512 users to create or update, name to password (see {@link
   *     #kafkaUsers(Path)}); never shown by {@link #toString()}
   */
  public record Options(
      short replicationFactor, boolean requireAcls, Map<String, String> kafkaUsers) {
    public Options {
      if (replicationFactor < 1) {
        throw new IllegalArgumentException(
            "The replication factor must be at least 1, not " + replicationFactor);
      }
      kafkaUsers = Map.copyOf(new TreeMap<>(kafkaUsers));
    }

    /** Topics and ACLs only, no credentials. */
    public Options(short replicationFactor, boolean requireAcls) {
      this(replicationFactor, requireAcls, Map.of());
    }

    /** The same, also setting these SCRAM users' passwords. */
    public Options withKafkaUsers(Map<String, String> users) {
      return new Options(replicationFactor, requireAcls, users);
    }

    @Override
    public String toString() {
      return "Options[replicationFactor="
          + replicationFactor
          + ", requireAcls="
          + requireAcls
          + ", kafkaUsers="
          + new TreeMap<>(kafkaUsers).keySet()
          + "]";
    }
  }

  /**
   * The SCRAM users of a folder: each regular file {@code DIR/<user>} holds that user's password
   * (surrounding white space is not part of it). Hidden files (a leading dot), client properties
   * files ({@code *.properties}, as the local hub writes beside the passwords) and sub-folders are
   * not users.
   *
   * @throws IllegalArgumentException if the folder cannot be read; the message names it, never a
   *     password
   */
  public static Map<String, String> kafkaUsers(Path dir) {
    Map<String, String> users = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.endsWith(".properties") || !Files.isRegularFile(file)) {
          continue;
        }
        users.put(name, SecretFiles.read(file));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot list the Kafka users' password files in " + dir + ": " + e.getMessage());
    }
    return users;
  }

  private final Admin admin;
  private final Map<String, Object> adminConfig;
  private final List<Change> made = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> refusals = new ArrayList<>();

  private ClusterPolicy(Admin admin, Map<String, Object> adminConfig) {
    this.admin = admin;
    this.adminConfig = adminConfig;
  }

  /**
   * Applies the policy with an Admin client made from this configuration ({@code bootstrap.servers}
   * and, for a secured cluster, its SASL or TLS settings).
   */
  public static ApplyResult apply(
      Map<String, Object> adminConfig, Policy policy, TopicCatalogue catalogue, Options options) {
    Admin admin;
    try {
      admin = Admin.create(adminConfig);
    } catch (KafkaException e) {
      throw new ClusterPolicyException(
          "Cannot make an Admin client: " + e.getMessage(), e, List.of(), false);
    }
    try (admin) {
      return new ClusterPolicy(admin, adminConfig).run(policy, catalogue, options);
    }
  }

  /**
   * Applies the policy with the caller's Admin client. SCRAM users of the options are then always
   * written, as the job cannot try their passwords without the client's configuration.
   */
  public static ApplyResult apply(
      Admin admin, Policy policy, TopicCatalogue catalogue, Options options) {
    return new ClusterPolicy(admin, null).run(policy, catalogue, options);
  }

  private ApplyResult run(Policy policy, TopicCatalogue catalogue, Options options) {
    Set<AclBinding> granted = GrantBindings.of(AccessRules.grants(policy, catalogue));
    Collection<AclBinding> acls = describeAcls();
    if (acls == null) {
      String unenforced =
          granted.size()
              + " ACL bindings the policy implies are NOT enforced: the cluster has no authorizer,"
              + " so any client may read and write every topic. Set"
              + " authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
              + " on the brokers and controllers, and run the job again.";
      if (options.requireAcls()) {
        refusals.add(unenforced + " Nothing was changed, as ACLs are required.");
        return result();
      }
      warnings.add(unenforced);
    }
    scramUsers(options.kafkaUsers());
    topics(TopicPlan.of(catalogue, policy, options.replicationFactor(), existingTopics(catalogue)));
    if (acls != null) {
      acls(AclPlan.between(granted, acls));
    }
    return result();
  }

  private ApplyResult result() {
    return new ApplyResult(made, warnings, refusals);
  }

  /** Every binding on the cluster, or null when it has no authorizer. */
  private Collection<AclBinding> describeAcls() {
    try {
      return admin
          .describeAcls(AclBindingFilter.ANY)
          .values()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SecurityDisabledException) {
        return null;
      }
      throw failed("read the cluster's ACLs", e.getCause());
    } catch (TimeoutException e) {
      throw timedOut("read the cluster's ACLs", e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private Map<String, TopicPlan.Existing> existingTopics(TopicCatalogue catalogue) {
    Set<String> names = await(admin.listTopics().names(), "list the topics");
    List<String> present =
        catalogue.all().stream().map(TopicSpec::name).filter(names::contains).toList();
    Map<String, TopicPlan.Existing> out = new HashMap<>();
    if (present.isEmpty()) {
      return out;
    }
    Map<String, TopicDescription> described =
        await(admin.describeTopics(present).allTopicNames(), "describe the hub's topics");
    List<ConfigResource> resources =
        present.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs =
        await(admin.describeConfigs(resources).all(), "read the hub's topic configs");
    for (ConfigResource resource : resources) {
      TopicDescription topic = described.get(resource.name());
      Map<String, TopicPlan.Value> values = new HashMap<>();
      configs.get(resource).entries().forEach(e -> values.put(e.name(), TopicPlan.Value.of(e)));
      out.put(
          resource.name(),
          new TopicPlan.Existing(
              topic.partitions().size(), topic.partitions().get(0).replicas().size(), values));
    }
    return out;
  }

  private void topics(TopicPlan plan) {
    warnings.addAll(plan.warnings());
    refusals.addAll(plan.refusals());
    if (!plan.create().isEmpty()) {
      Map<String, KafkaFuture<Void>> created =
          admin.createTopics(plan.create().stream().map(TopicPlan.Create::topic).toList()).values();
      for (TopicPlan.Create c : plan.create()) {
        await(created.get(c.topic().name()), "create topic " + c.topic().name());
        made.add(c.change());
      }
    }
    if (!plan.partitions().isEmpty()) {
      Map<String, NewPartitions> increases = new LinkedHashMap<>();
      plan.partitions().forEach(p -> increases.put(p.topic(), NewPartitions.increaseTo(p.count())));
      Map<String, KafkaFuture<Void>> increased = admin.createPartitions(increases).values();
      for (TopicPlan.Partitions p : plan.partitions()) {
        await(increased.get(p.topic()), "add partitions to " + p.topic());
        made.add(p.change());
      }
    }
    if (!plan.configs().isEmpty()) {
      Map<ConfigResource, List<AlterConfigOp>> ops = new LinkedHashMap<>();
      Map<ConfigResource, List<Change>> changes = new LinkedHashMap<>();
      for (TopicPlan.Config c : plan.configs()) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, c.topic());
        ops.computeIfAbsent(resource, r -> new ArrayList<>()).add(c.op());
        changes.computeIfAbsent(resource, r -> new ArrayList<>()).add(c.change());
      }
      Map<ConfigResource, KafkaFuture<Void>> altered =
          admin.incrementalAlterConfigs(new LinkedHashMap<>(ops)).values();
      for (var e : changes.entrySet()) {
        await(altered.get(e.getKey()), "alter the config of " + e.getKey().name());
        made.addAll(e.getValue());
      }
    }
  }

  /**
   * Creates or updates each SCRAM-SHA-512 user. Kafka never shows a stored credential, so a user
   * that already has one is tried: when its password lets it in through the job's own connection
   * settings, the credential is left as it is, so a rerun changes nothing.
   */
  private void scramUsers(Map<String, String> users) {
    if (users.isEmpty()) {
      return;
    }
    Set<String> existing = scramUsersWithCredential(users.keySet());
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    for (var user : users.entrySet()) {
      if (existing.contains(user.getKey()) && logsIn(user.getKey(), user.getValue())) {
        continue;
      }
      upserts.add(
          new UserScramCredentialUpsertion(
              user.getKey(),
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
              user.getValue()));
    }
    if (upserts.isEmpty()) {
      return;
    }
    Map<String, KafkaFuture<Void>> altered = admin.alterUserScramCredentials(upserts).values();
    for (UserScramCredentialAlteration upsert : upserts) {
      await(altered.get(upsert.user()), "set the SCRAM credential of User:" + upsert.user());
      made.add(new Change(Change.Kind.SCRAM_SET, "set SCRAM credential of User:" + upsert.user()));
    }
  }

  private Set<String> scramUsersWithCredential(Set<String> users) {
    Map<String, UserScramCredentialsDescription> described =
        await(admin.describeUserScramCredentials().all(), "list the SCRAM users");
    Set<String> out = new HashSet<>();
    described.forEach(
        (user, description) -> {
          if (users.contains(user)
              && description.credentialInfos().stream()
                  .anyMatch(i -> i.mechanism() == ScramMechanism.SCRAM_SHA_512)) {
            out.add(user);
          }
        });
    return out;
  }

  /** Whether the user gets in with this password, through the job's own connection settings. */
  private boolean logsIn(String user, String password) {
    if (adminConfig == null || !adminConfig.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
      return false;
    }
    Map<String, Object> as = new HashMap<>(adminConfig);
    as.put(SaslConfigs.SASL_MECHANISM, ScramMechanism.SCRAM_SHA_512.mechanismName());
    as.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaClientSecurity.jaasConfig(user, password));
    as.put(AdminClientConfig.CLIENT_ID_CONFIG, "vruhub-policy-apply-login-check");
    as.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    as.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin login = Admin.create(as)) {
      login.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return false;
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private void acls(AclPlan plan) {
    warnings.addAll(plan.warnings());
    // Grants first: a binding that changes shape (literal to prefixed) is never missing between.
    if (!plan.grant().isEmpty()) {
      Map<AclBinding, KafkaFuture<Void>> created = admin.createAcls(plan.grant()).values();
      for (AclBinding binding : plan.grant()) {
        await(created.get(binding), "grant " + GrantBindings.describe(binding));
        made.add(new Change(Change.Kind.ACL_GRANTED, "granted " + GrantBindings.describe(binding)));
      }
    }
    if (!plan.revoke().isEmpty()) {
      List<AclBindingFilter> filters = plan.revoke().stream().map(AclBinding::toFilter).toList();
      var deleted = admin.deleteAcls(filters).values();
      for (AclBinding binding : plan.revoke()) {
        await(deleted.get(binding.toFilter()), "revoke " + GrantBindings.describe(binding));
        made.add(new Change(Change.Kind.ACL_REVOKED, "revoked " + GrantBindings.describe(binding)));
      }
    }
    if (!plan.grant().isEmpty() || !plan.revoke().isEmpty()) {
      awaitAclsInForce(plan);
    }
  }

  /**
   * Waits until the broker the client talks to enforces what was just granted and revoked. The
   * controller acknowledges an ACL change once it is committed; a broker applies it from the
   * metadata log a little later, and a client started in between (the registry, right after the
   * job) would be refused. {@code describeAcls} is answered from the broker's own authorizer.
   */
  private void awaitAclsInForce(AclPlan plan) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      Collection<AclBinding> now = describeAcls();
      if (now == null
          || (now.containsAll(plan.grant()) && plan.revoke().stream().noneMatch(now::contains))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw timedOut(
            "see the ACL changes in force on the broker",
            new TimeoutException("ACLs not in force"));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for the ACLs", e);
      }
    }
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw failed(what, e.getCause());
    } catch (TimeoutException e) {
      throw timedOut(what, e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private ClusterPolicyException failed(String what, Throwable cause) {
    return new ClusterPolicyException(
        "Cannot " + what + ": " + cause.getMessage(), cause, made, false);
  }

  private ClusterPolicyException timedOut(String what, TimeoutException e) {
    return new ClusterPolicyException(
        "The cluster did not let the job "
            + what
            + " within "
            + TIMEOUT_SECONDS
            + " seconds: is it up, and are the bootstrap servers right?",
        e,
        made,
        true);
  }

  private ClusterPolicyException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new ClusterPolicyException("Interrupted while applying the policy", e, made, false);
  }
}
