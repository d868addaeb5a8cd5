package dev.dispatchcheck.dispatch.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One walk through a text and the files it includes: a nix.conf and its {@code include}s, a
 * builders value or a machines file and its {@code @file}s. Each entry comes with its file, its
 * line and how deep its file lies; a file the visitor includes is read in place, before the
 * rest of the line that names it, as Nix reads it. The walk keeps its own stack, so a chain as
 * long as the input costs no Java stack, and it enters no file more than {@code maxDepth} deep.
 */
public final class IncludeWalk {

  /**
   * An entry of a walked text, or (to {@link Visitor#entries}) a whole line.
   *
   * @param file the file it is in; "" in a text that is no file (a builders value)
   * @param line its line in that file, from 1
   * @param depth how deep its file lies: 0 in the text the walk starts from
   * @param text the entry as written
   */
  public record Entry(String file, int line, int depth, String text) {}

  /** What became of an include. */
  public enum Outcome {
    /** Entered: its entries come next. */
    FOLLOWED,
    /** The reader has no such file. */
    MISSING,
    /** The file is open up the chain, so it includes itself (only a walk that reads each file once says so). */
    ITSELF,
    /** The file would lie more than {@code maxDepth} deep; it is not read. */
    TOO_DEEP,
    /** The file was read before in this walk (only a walk that reads each file once says so); not read again. */
    AGAIN
  }

  /** What a walk does with what it reads. */
  public interface Visitor {

    /** A file the walk enters, the text it starts from first; false skips its entries (a file Nix refuses whole). */
    default boolean enter(String file, String text) {
      return true;
    }

    /** The entries of a line, in order; a line is one entry unless the format says otherwise. */
    default List<String> entries(Entry line) {
      return List.of(line.text());
    }

    /** One entry; it may {@link #include} a file, whose entries come before the next one. */
    void entry(Entry entry, IncludeWalk walk);

    /** The end of a file entered (the text started from last), after every file it includes. */
    default void leave(String file, int depth) {}
  }

  /** An open file: its lines, the next one to split, and the entries of the current line still to visit. */
  private static final class Frame {
    final String file;
    final int depth;
    final String[] lines;
    final Deque<Entry> entries = new ArrayDeque<>();
    int next;

    Frame(String file, int depth, String[] lines) {
      this.file = file;
      this.depth = depth;
      this.lines = lines;
    }
  }

  private final Function<String, Optional<String>> reader;
  private final int maxDepth;
  private final boolean eachFileOnce;
  private final Visitor visitor;
  private final Deque<Frame> open = new ArrayDeque<>();
  private final Set<String> openFiles = new HashSet<>();
  private final Set<String> read = new LinkedHashSet<>();

  /**
   * @param reader an included file's text by its path, empty when there is none
   * @param eachFileOnce true to refuse a file named again in this walk ({@link Outcome#ITSELF},
   *     {@link Outcome#AGAIN}), so that includes cannot multiply the work; false to read it
   *     again as Nix does, bounded by {@code maxDepth} alone
   */
  public IncludeWalk(Function<String, Optional<String>> reader, int maxDepth, boolean eachFileOnce, Visitor visitor) {
    this.reader = reader;
    this.maxDepth = maxDepth;
    this.eachFileOnce = eachFileOnce;
    this.visitor = visitor;
  }

  /** Walks the file at {@code path}, whose text is {@code text}. */
  public IncludeWalk file(String path, String text) {
    read.add(path);
    return walk(path, text);
  }

  /** Walks a text that is no file, such as a builders value. */
  public IncludeWalk text(String text) {
    return walk("", text);
  }

  /** Follows an include of {@code path} named by the entry being visited. */
  public Outcome include(String path) {
    Optional<String> text = reader.apply(path);
    if (text.isEmpty()) return Outcome.MISSING;
    if (eachFileOnce && openFiles.contains(path)) return Outcome.ITSELF;
    int depth = open.element().depth + 1;
    if (depth > maxDepth) return Outcome.TOO_DEEP;
    if (eachFileOnce && read.contains(path)) return Outcome.AGAIN;
    read.add(path);
    push(path, depth, text.get());
    return Outcome.FOLLOWED;
  }

  /** The files read: the one walked, if a file, and each followed, in the order they were entered. */
  public Set<String> filesRead() {
    return read;
  }

  private IncludeWalk walk(String file, String text) {
    push(file, 0, text);
    while (!open.isEmpty()) {
      Frame f = open.element();
      if (!f.entries.isEmpty()) {
        visitor.entry(f.entries.remove(), this);
      } else if (f.next < f.lines.length) {
        Entry line = new Entry(f.file, f.next + 1, f.depth, f.lines[f.next++]);
        for (String e : visitor.entries(line)) f.entries.add(new Entry(f.file, line.line(), f.depth, e));
      } else {
        open.remove();
        openFiles.remove(f.file);
        visitor.leave(f.file, f.depth);
      }
    }
    return this;
  }

  private void push(String file, int depth, String text) {
    String[] lines = visitor.enter(file, text) ? text.split("\n", -1) : new String[0];
    open.push(new Frame(file, depth, lines));
    if (eachFileOnce) openFiles.add(file);
  }
}
