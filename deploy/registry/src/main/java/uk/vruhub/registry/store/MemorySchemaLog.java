package uk.vruhub.registry.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps changes in memory only: a restart forgets every schema. For tests and throw-away demos;
 * never for a hub whose topics outlive the registry process.
 */
public final class MemorySchemaLog implements SchemaLog {

  private final List<LogEntry> entries = new ArrayList<>();

  @Override
  public synchronized void replay(Consumer<LogEntry> sink) {
    entries.forEach(sink);
  }

  @Override
  public synchronized void append(LogEntry entry) {
    entries.add(entry);
  }

  @Override
  public String problem() {
    return null;
  }

  @Override
  public void close() {}
}
