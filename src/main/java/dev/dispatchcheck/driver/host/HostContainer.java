package dev.dispatchcheck.driver.host;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.ContainerLimits;
import dev.dispatchcheck.driver.Waiter;
import dev.dispatchcheck.driver.engine.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/**
 * A host's container and its life: started, asked, stopped, frozen, revived, removed; and
 * the commands that run in it, through its command channel. Every engine call goes through
 * {@link Engine}, with its deadline.
 */
final class HostContainer implements HostAccess {
  /** A command through the channel that has not ended by then is a harness error (Docker's own exec had no limit at all). */
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
  /** Between tries of a pause or unpause that failed. */
  private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

  private final String name;
  private final GenericContainer<?> container;
  /** The networks it is on, each under its name: the first from its creation, the others joined once it runs. */
  private final List<Network> networks;
  private volatile boolean frozen;
  private volatile boolean offline;
  /** How often the container has started: each start logs "nix-host ready" once more. */
  private int starts = 1;
  private CommandChannel channel;
  /** The builds' channel (see {@link StreamChannel}), opened at the first build. */
  private StreamChannel streams;

  HostContainer(String name, String image, List<Network> networks, Map<String, String> labels) {
    this.name = name;
    this.networks = List.copyOf(networks);
    this.container = new GenericContainer<>(image)
        .withNetwork(networks.get(0))
        .withNetworkAliases(name)
        .withLabels(labels)
        .withCreateContainerCmdModifier(cmd -> configured(cmd, name))
        // Its readiness is awaited after the start, outside the engine's lifecycle limit (see start()).
        .waitingFor(noWait());
  }

  /**
   * How a host's resolver asks the engine's DNS. A farm's networks are internal, and on
   * one the engine's DNS leaves a name outside the farm unanswered (no upstream is asked),
   * so glibc's defaults (5 s, twice) made every lookup of a builder that went down, or
   * that was never there, a 10 s wait before ssh's "Could not resolve hostname". One
   * second, once, ends with the same error; a farm's own names are answered at once.
   */
  static final List<String> RESOLVER_OPTIONS = List.of("timeout:1", "attempts:1");

  /** A host's create command: its hostname, the limits of {@link ContainerLimits}, and {@link #RESOLVER_OPTIONS}. */
  static CreateContainerCmd configured(CreateContainerCmd cmd, String name) {
    ContainerLimits.host(cmd.withHostName(name).getHostConfig()).withDnsOptions(RESOLVER_OPTIONS);
    return cmd;
  }

  @Override
  public boolean frozen() {
    return frozen;
  }

  /**
   * Testcontainers' start returns once the engine has started the container. One a
   * container: a wait strategy keeps the container it waits on, and hosts start at once.
   */
  private static WaitStrategy noWait() {
    return new AbstractWaitStrategy() {
      @Override
      protected void waitUntilReady() {}
    };
  }

  /**
   * Creates and starts the container within the engine's lifecycle limit, then waits for
   * its init (a fresh host key, sshd) outside it: the next host's start need not wait for
   * this one's ssh-keygen.
   */
  @Override
  public void start() {
    Engine.lifecycle("start the container of " + name, container::start);
    Engine.awaitStarted("wait for the init of " + name, () -> ready(1));
    for (Network n : networks.subList(1, networks.size())) {
      Engine.lifecycle("join " + name + " to a second network", () -> container.getDockerClient().connectToNetworkCmd()
          .withContainerId(container.getContainerId()).withNetworkId(n.getId())
          .withContainerNetwork(new ContainerNetwork().withAliases(name)).exec());
    }
  }

  @Override
  public CommandResult exec(List<String> command) {
    if (frozen) throw new IllegalStateException(name + " is frozen, so nothing can run on it: " + command);
    return channel().run(command, COMMAND_TIMEOUT);
  }

  private synchronized CommandChannel channel() {
    if (channel == null || !channel.usable()) {
      channel = Engine.ask("open a command channel to " + name,
          () -> CommandChannel.open(container.getDockerClient(), container.getContainerId(), name));
    }
    return channel;
  }

  @Override
  public ExecStream stream(List<String> command) {
    if (frozen) throw new IllegalStateException(name + " is frozen, so nothing can start on it: " + command);
    return new ExecStream(streams().start(command));
  }

  /**
   * Opens the builds' channel now (a container exec), so that the first build does not wait
   * for it. A channel that will not open is left to the first build to open and report, as
   * before; a scenario that builds nothing on this host is not failed by it. A wedged engine is.
   */
  @Override
  public void prepareStreams() {
    if (frozen) return;
    try {
      streams();
    } catch (HarnessError wedged) {
      throw wedged;
    } catch (RuntimeException leftToTheFirstBuild) {
      // the first build's own open says what is wrong
    }
  }

  private synchronized StreamChannel streams() {
    if (streams == null || !streams.usable()) {
      streams = Engine.ask("open a stream channel to " + name,
          () -> StreamChannel.open(container.getDockerClient(), container.getContainerId(), name));
    }
    return streams;
  }

  @Override
  public boolean isRunning() {
    return !frozen && Engine.ask("ask whether " + name + " runs", container::isRunning);
  }

  @Override
  public List<String> problems() {
    var inspected = Engine.ask("inspect the container of " + name,
        () -> container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec());
    var st = inspected.getState();
    if (Boolean.TRUE.equals(st.getPaused())) return List.of("the container is paused");
    if (!Boolean.TRUE.equals(st.getRunning())) return List.of("the container is not running (" + st.getStatus() + ")");
    var on = inspected.getNetworkSettings().getNetworks().values().stream().map(n -> n.getNetworkID())
        .collect(java.util.stream.Collectors.toSet());
    if (!on.equals(networks.stream().map(Network::getId).collect(java.util.stream.Collectors.toSet()))) {
      return List.of("the container is on networks " + inspected.getNetworkSettings().getNetworks().keySet()
          + ", not on its farm's networks alone");
    }
    return List.of();
  }

  @Override
  public void stop() {
    synchronized (this) {
      if (channel != null) channel.abandon();
      if (streams != null) streams.abandon();
    }
    Engine.lifecycle("stop the container of " + name,
        () -> container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(2).exec());
  }

  @Override
  public void freeze() {
    untilDone("pause the container of " + name,
        () -> container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec());
    frozen = true;
  }

  @Override
  public boolean offline() {
    return offline;
  }

  /**
   * Takes the container off its network at once, as a client's link drops: no FIN, no
   * reset, so a peer's TCP connections to it hang rather than end. Commands still run in it.
   */
  @Override
  public void dropOffNetwork() {
    Engine.tell("disconnect " + name + " from its network", () -> container.getDockerClient().disconnectFromNetworkCmd()
        .withNetworkId(networks.get(0).getId()).withContainerId(container.getContainerId()).withForce(true).exec());
    offline = true;
  }

  @Override
  public synchronized void revive() {
    var docker = container.getDockerClient();
    if (offline) {
      Engine.tell("connect " + name + " to its network again", () -> docker.connectToNetworkCmd()
          .withNetworkId(networks.get(0).getId()).withContainerId(container.getContainerId())
          .withContainerNetwork(new ContainerNetwork().withAliases(name)).exec());
      offline = false;
    }
    if (frozen) {
      untilDone("unpause the container of " + name, () -> docker.unpauseContainerCmd(container.getContainerId()).exec());
      frozen = false;
    }
    if (!Engine.ask("ask whether " + name + " runs", container::isRunning)) {
      if (channel != null) channel.abandon();
      if (streams != null) streams.abandon();
      starts++;
      Engine.lifecycle("start the container of " + name + " again", () -> docker.startContainerCmd(container.getContainerId()).exec());
      Engine.awaitStarted("wait for the init of " + name + " again", () -> ready(starts));
    }
  }

  /** Waits until init has said "nix-host ready" {@code times} times: once a start. */
  private void ready(int times) {
    Wait.forLogMessage(".*nix-host ready.*", times).withStartupTimeout(Duration.ofSeconds(60)).waitUntilReady(container);
  }

  /**
   * A pause or unpause, tried again until it succeeds or the deadline of one engine call
   * has passed. runc's freezer fails now and then while the cgroup's processes change
   * ("OCI runtime pause failed: unable to freeze: unknown", seen under load); the engine is
   * well, and the same call a moment later succeeds. A wedged engine is not retried.
   */
  private void untilDone(String what, Runnable call) {
    AtomicReference<RuntimeException> last = new AtomicReference<>();
    AtomicInteger tries = new AtomicInteger();
    new Waiter(Engine.ASK, RETRY_PAUSE).until(what, () -> {
      tries.incrementAndGet();
      try {
        Engine.tell(what, call);
        return true;
      } catch (HarnessError wedged) {
        throw wedged;
      } catch (RuntimeException transientFailure) {
        // An earlier try that landed though its answer was lost: the container is as asked.
        String m = String.valueOf(transientFailure.getMessage());
        if (m.contains("is already paused") || m.contains("is not paused")) return true;
        last.set(transientFailure);
        return false;
      }
    }, () -> tries.get() + " tries; the last failed with: " + last.get());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (channel != null) channel.close();
      if (streams != null) streams.close();
    }
    if (frozen) {
      // Docker refuses to stop or remove a paused container.
      try {
        Engine.tell("unpause the container of " + name,
            () -> container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec());
      } catch (HarnessError wedged) {
        throw wedged;
      } catch (RuntimeException alreadyGone) {
        // removed already, or not paused any more
      }
    }
    Engine.lifecycle("remove the container of " + name, container::stop);
  }
}
