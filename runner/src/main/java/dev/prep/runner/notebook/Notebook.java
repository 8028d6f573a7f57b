package dev.prep.runner.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * A parsed notebook: Markdown whose top-level {@code java} fences are cells, each optionally
 * followed by an {@code output} fence holding what it prints.
 */
public final class Notebook {
  static final String JAVA = "java";
  static final String OUTPUT = "output";
  static final String MERMAID = "mermaid";

  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private final Path file;
  private final String displayPath;
  private final String text;
  private final Node document;
  private final List<Cell> cells;
  private final Map<Node, Cell> cellsByNode;
  private final Map<Node, Cell> outputsByNode;
  private final String title;

  private Notebook(
      Path file,
      String displayPath,
      String text,
      Node document,
      List<Cell> cells,
      Map<Node, Cell> cellsByNode,
      Map<Node, Cell> outputsByNode,
      String title) {
    this.file = file;
    this.displayPath = displayPath;
    this.text = text;
    this.document = document;
    this.cells = List.copyOf(cells);
    this.cellsByNode = cellsByNode;
    this.outputsByNode = outputsByNode;
    this.title = title;
  }

  /**
   * Reads and parses a notebook file.
   *
   * @param displayPath how messages name the file, e.g. {@code topics/slices/notebooks/03-x.md}
   * @throws NotebookFormatException when the file is not a well-formed notebook, or cannot be read
   */
  public static Notebook parse(Path file, String displayPath) throws NotebookFormatException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NotebookFormatException(
          displayPath, 1, "cannot read the notebook (" + e.getMessage() + ")");
    }
    return parse(file, displayPath, text);
  }

  /** Parses notebook text that is already in memory; {@code file} is only remembered. */
  public static Notebook parse(Path file, String displayPath, String text)
      throws NotebookFormatException {
    Node document = PARSER.parse(text);
    List<FencedCodeBlock> fences = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(FencedCodeBlock block) {
            fences.add(block);
          }
        });
    List<Cell> cells = new ArrayList<>();
    Map<Node, Cell> cellsByNode = new IdentityHashMap<>();
    Map<Node, Cell> outputsByNode = new IdentityHashMap<>();
    for (FencedCodeBlock block : fences) {
      int line = line(block);
      if (block.getClosingFenceLength() == null) {
        throw new NotebookFormatException(
            displayPath,
            line,
            "this "
                + describe(block)
                + " is never closed; add a closing "
                + fence(block)
                + " line after its last line");
      }
      List<String> words = words(block.getInfo());
      String language = words.isEmpty() ? "" : words.getFirst();
      if (language.equals(JAVA)) {
        if (!(block.getParent() instanceof Document)) {
          throw new NotebookFormatException(
              displayPath,
              line,
              "java cells must stand at the top level of the notebook, not inside a list or a"
                  + " quote; move the fence to the start of a line");
        }
        CellFlags flags;
        try {
          flags = CellFlags.parse(words.subList(1, words.size()));
        } catch (IllegalArgumentException e) {
          throw new NotebookFormatException(displayPath, line, e.getMessage());
        }
        Optional<ExpectedOutput> expected = expectedAfter(block, flags, displayPath);
        Cell cell = new Cell(cells.size(), line, block.getLiteral(), flags, expected, span(block));
        cells.add(cell);
        cellsByNode.put(block, cell);
        if (block.getNext() != null && expected.isPresent()) {
          outputsByNode.put(block.getNext(), cell);
        }
      } else if (language.equals(OUTPUT)) {
        Node previous = block.getPrevious();
        if (!(previous instanceof FencedCodeBlock before) || !isJava(before)) {
          throw new NotebookFormatException(
              displayPath,
              line,
              "this output block does not follow a java cell; put it right after the java block"
                  + " whose output it holds (only blank lines between), or remove it");
        }
      }
    }
    return new Notebook(
        file, displayPath, text, document, cells, cellsByNode, outputsByNode, title(document));
  }

  private static Optional<ExpectedOutput> expectedAfter(
      FencedCodeBlock cell, CellFlags flags, String displayPath) throws NotebookFormatException {
    if (!(cell.getNext() instanceof FencedCodeBlock next)) {
      return Optional.empty();
    }
    List<String> words = words(next.getInfo());
    String language = words.isEmpty() ? "" : words.getFirst();
    if (flags.mermaid() && language.equals(OUTPUT)) {
      throw new NotebookFormatException(
          displayPath,
          line(next),
          "the cell above is flagged mermaid, so its output goes in a ```mermaid block (GitHub"
              + " draws it); change this fence's info to mermaid or drop the flag");
    }
    if (!language.equals(flags.outputLanguage())) {
      return Optional.empty();
    }
    if (flags.mermaid() && words.size() > 1) {
      throw new NotebookFormatException(
          displayPath,
          line(next),
          "a mermaid output block takes no flags; its diagram is compared exactly");
    }
    boolean unordered = false;
    boolean ellipsis = false;
    for (String flag : words.subList(1, words.size())) {
      switch (flag) {
        case "unordered" -> unordered = true;
        case "ellipsis" -> ellipsis = true;
        default ->
            throw new NotebookFormatException(
                displayPath,
                line(next),
                "unknown flag \""
                    + flag
                    + "\" on an output block; known flags: unordered, ellipsis");
      }
    }
    if (next.getClosingFenceLength() == null) {
      throw new NotebookFormatException(
          displayPath,
          line(next),
          "this output block is never closed; add a closing " + fence(next) + " line");
    }
    return Optional.of(
        new ExpectedOutput(next.getLiteral(), unordered, ellipsis, line(next), span(next)));
  }

  private static boolean isJava(FencedCodeBlock block) {
    List<String> words = words(block.getInfo());
    return !words.isEmpty() && words.getFirst().equals(JAVA);
  }

  private static List<String> words(String info) {
    String trimmed = info == null ? "" : info.strip();
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
  }

  private static int line(Node node) {
    return node.getSourceSpans().getFirst().getLineIndex() + 1;
  }

  private static FenceSpan span(FencedCodeBlock block) {
    List<SourceSpan> spans = block.getSourceSpans();
    SourceSpan first = spans.getFirst();
    SourceSpan last = spans.getLast();
    int start = first.getInputIndex() - first.getColumnIndex();
    return new FenceSpan(
        start,
        last.getInputIndex() + last.getLength(),
        block.getFenceIndent(),
        block.getInfo() == null ? "" : block.getInfo(),
        fence(block));
  }

  private static String fence(FencedCodeBlock block) {
    char c = block.getFenceCharacter() == null ? '`' : block.getFenceCharacter().charAt(0);
    return String.valueOf(c).repeat(block.getOpeningFenceLength());
  }

  private static String describe(FencedCodeBlock block) {
    List<String> words = words(block.getInfo());
    return words.isEmpty() ? "code block" : words.getFirst() + " block";
  }

  private static String title(Node document) {
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Heading heading) {
        return plainText(heading).strip();
      }
    }
    return "";
  }

  static String plainText(Node node) {
    StringBuilder out = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text text) {
            out.append(text.getLiteral());
          }

          @Override
          public void visit(Code code) {
            out.append(code.getLiteral());
          }
        });
    return out.toString();
  }

  /** The notebook's cells in file order. */
  public List<Cell> cells() {
    return cells;
  }

  /** The text of the first top-level heading, or the file name when there is none. */
  public String title() {
    return title.isEmpty() ? String.valueOf(file.getFileName()) : title;
  }

  /** The file this notebook was read from. */
  public Path file() {
    return file;
  }

  /** How messages name the file. */
  public String displayPath() {
    return displayPath;
  }

  /** The file's text exactly as read. */
  public String text() {
    return text;
  }

  /** {@code path:line} for messages. */
  public String location(int line) {
    return displayPath + ":" + line;
  }

  Node document() {
    return document;
  }

  Optional<Cell> cellAt(Node node) {
    return Optional.ofNullable(cellsByNode.get(node));
  }

  Optional<Cell> outputOf(Node node) {
    return Optional.ofNullable(outputsByNode.get(node));
  }
}
