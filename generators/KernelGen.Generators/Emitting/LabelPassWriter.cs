using System;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the label pass of an entry: each class's run end and the prototype indices class by class, in <c>ends</c>
/// and <c>order</c>, checking every label on the way. Labels that are already class-major with every class full (the
/// layout prototype code usually keeps) take a constant table and no scratch; the scratch is on the stack or rented, as
/// <see cref="KernelPlan.LabelScratch"/> says.
/// </summary>
internal static class LabelPassWriter
{
    /// <param name="w">The writer.</param>
    /// <param name="plan">The shape's plan.</param>
    /// <param name="bindRows">Whether <paramref name="body"/> reads <c>ends</c> and <c>order</c> (false: the pass only checks the labels).</param>
    /// <param name="body">What runs once the labels are grouped, inside the scratch's lifetime.</param>
    /// <param name="explain">Whether to write the comments saying why (false where the entry just above said them).</param>
    public static void Write(SourceWriter w, KernelPlan plan, bool bindRows, Action body, bool explain = true)
    {
        bool table = plan.ClassMajorTable;
        string ifNotTable = table ? "if (!classMajor) " : "";
        if (table)
        {
            w.Line("bool classMajor = LabelGroups.IsClassMajor(protoLabels, ClassMajorLabels);");
        }

        if (plan.LabelScratch == ScratchSource.Stack)
        {
            string ints = KernelPlan.LabelIntsText("MaxPrototypes");
            w.Line(table
                ? $"Span<int> groups = classMajor ? default : stackalloc int[{ints}];"
                : $"Span<int> groups = stackalloc int[{ints}];");
            WriteGroupAndBody(w, table, ifNotTable, bindRows, body, explain);
            return;
        }

        string rentedInts = KernelPlan.LabelIntsText("count");
        w.Line($"int[]? rentedGroups = {(table ? "classMajor ? null : " : "")}ArrayPool<int>.Shared.Rent({rentedInts});");
        w.Line($"Span<int> groups = rentedGroups is null ? default : new Span<int>(rentedGroups, 0, {rentedInts});");
        using (w.OpenBlock("try"))
        {
            WriteGroupAndBody(w, table, ifNotTable, bindRows, body, explain);
        }

        using (w.OpenBlock("finally"))
        {
            w.Line("if (rentedGroups is not null) ArrayPool<int>.Shared.Return(rentedGroups);");
        }
    }

    private static void WriteGroupAndBody(SourceWriter w, bool table, string ifNotTable, bool bindRows, Action body, bool explain)
    {
        w.Line($"{ifNotTable}LabelGroups.Group(protoLabels, groups, NClasses, MaxPerClass);");
        if (bindRows && table)
        {
            w.Line("ref int ends = ref classMajor ? ref MemoryMarshal.GetArrayDataReference(ClassMajorGroups) : ref MemoryMarshal.GetReference(groups);");
            if (explain)
            {
                w.Line("// Class-major labels pass no order: rows are addressed by position, without loading an index first.");
            }

            w.Line($"ref int order = ref classMajor ? ref Unsafe.NullRef<int>() : ref Unsafe.Add(ref ends, {KernelPlan.OrderOffsetText});");
        }
        else if (bindRows)
        {
            w.Line("ref int ends = ref MemoryMarshal.GetReference(groups);");
            w.Line($"ref int order = ref Unsafe.Add(ref ends, {KernelPlan.OrderOffsetText});");
        }

        body();
    }
}
