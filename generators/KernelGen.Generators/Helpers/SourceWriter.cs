using System;
using System.Diagnostics;
using System.Text;

namespace KernelGen.Generators.Helpers;

/// <summary>
/// A tiny indented text writer (after dotnet/runtime's <c>SourceWriter</c>): four spaces per level, <c>\n</c>
/// line endings whatever the host, and a check that every block it opened was closed.
/// </summary>
internal sealed class SourceWriter
{
    private const int SpacesPerLevel = 4;
    private readonly StringBuilder _builder = new();

    public int Indentation { get; private set; }

    /// <summary>Writes one line at the current indentation (an empty line carries no spaces).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', Indentation * SpacesPerLevel);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes a multi-line block, re-indenting each of its lines to the current level.</summary>
    public SourceWriter Lines(string block)
    {
        foreach (string line in block.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line.TrimEnd());
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/> (if any) and <c>{</c>, and returns a scope that writes <c>}</c> when disposed.</summary>
    public Block OpenBlock(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        Indentation++;
        return new Block(this);
    }

    /// <summary>The text written so far; indentation must be back at zero.</summary>
    public override string ToString()
    {
        Debug.Assert(Indentation == 0, "Every opened block must be closed.");
        if (Indentation != 0)
        {
            throw new InvalidOperationException("SourceWriter: unbalanced blocks.");
        }

        return _builder.ToString();
    }

    /// <summary>Closes a block opened by <see cref="OpenBlock"/>.</summary>
    public readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;

        public Block(SourceWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer.Indentation--;
            _writer.Line("}");
        }
    }
}
