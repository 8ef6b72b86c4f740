package uk.vruhub.registry.store;

import java.util.function.Consumer;

/** Where the registry keeps its changes so a restart gets every id back. */
public interface SchemaLog extends AutoCloseable {

  /** Feeds every stored entry, oldest first, to the sink. Called once, before any append. */
  void replay(Consumer<LogEntry> sink);

  /** Stores an entry durably; returns only once it would survive a restart. */
  void append(LogEntry entry);

  /** Null when the store is reachable, otherwise why not (for the health endpoint). */
  String problem();

  @Override
  void close();
}
