using KernelGen.Generators.Helpers;

namespace KernelGen.Generators.Tests;

/// <summary>The generated file's text: four spaces a level, a bare <c>\n</c> after each line, nothing trailing.</summary>
public class SourceWriterTests
{
    /// <summary>
    /// A template's lines come out re-indented and without trailing whitespace, whatever follows their text: a space
    /// or a tab left by an interpolation that came out empty, or the CR of a generator source checked out with CRLF
    /// line endings. An empty line carries no indentation either.
    /// </summary>
    [Fact]
    public void A_blocks_lines_are_indented_and_end_in_a_bare_newline()
    {
        var w = new SourceWriter();
        using (w.OpenBlock("class C"))
        {
            w.Lines("int a; \r\nint b;\t\n\r\n    int c;");
        }

        Assert.Equal("class C\n{\n    int a;\n    int b;\n\n        int c;\n}\n", w.ToString());
    }
}
