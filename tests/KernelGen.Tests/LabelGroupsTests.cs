using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// The label pass on its own. The class-major table stands in for <see cref="LabelGroups.Group"/> whenever the labels
/// equal it, and the kernels give the same bits either way, so no kernel result shows a wrong table or a wrong match:
/// they are checked here, and again under each ISA switch: <see cref="LabelGroups.IsClassMajor"/> compares a vector at
/// a time where the machine has them.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class LabelGroupsTests
{
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 2 },
        { 4, 3 },      // 12 labels: one 8-lane vector and a tail of 4
        { 3, 5 },
        { 10, 3 },
        { 2, 8 },      // exactly two vectors, no tail
        { 100, 8 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_class_major_table_is_what_grouping_its_labels_gives(int nClasses, int maxPerClass)
    {
        int[] labels = LabelGroups.ClassMajorLabels(nClasses, maxPerClass);
        Assert.Equal(nClasses * maxPerClass, labels.Length);
        for (int i = 0; i < labels.Length; i++)
        {
            Assert.Equal(i / maxPerClass, labels[i]);
        }

        var grouped = new int[nClasses + 1 + labels.Length];
        LabelGroups.Group(labels, grouped, nClasses, maxPerClass);

        Assert.Equal(grouped, LabelGroups.ClassMajorGroups(nClasses, maxPerClass));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Only_labels_equal_to_the_table_match_it(int nClasses, int maxPerClass)
    {
        int[] table = LabelGroups.ClassMajorLabels(nClasses, maxPerClass);
        Assert.True(LabelGroups.IsClassMajor((int[])table.Clone(), table));

        // A change at any one position: in the vector part and in the tail.
        for (int i = 0; i < table.Length; i++)
        {
            int[] labels = (int[])table.Clone();
            labels[i] = (labels[i] + 1) % Math.Max(nClasses, 2);
            Assert.False(LabelGroups.IsClassMajor(labels, table), $"label {i} changed");
        }

        // The same labels, one short or one more: not the full class-major layout.
        Assert.False(LabelGroups.IsClassMajor(table.AsSpan(0, table.Length - 1), table));
        Assert.False(LabelGroups.IsClassMajor([.. table, nClasses - 1], table));
    }

    [Fact]
    public void Grouping_keeps_each_class_in_the_labels_order()
    {
        int[] labels = [2, 0, 2, 1, 0, 2];
        var groups = new int[3 + 1 + labels.Length];
        LabelGroups.Group(labels, groups, nClasses: 3, maxPerClass: 3);

        // Class ends 2, 3, 6; the unused slot holds the count; then classes 0, 1 and 2's prototypes in order.
        Assert.Equal(new[] { 2, 3, 6, 6, 1, 4, 3, 0, 2, 5 }, groups);
    }

    [Fact]
    public void Grouping_ignores_what_the_scratch_held()
    {
        // Generated kernels pass stackalloc memory, which holds old stack contents in a module that skips locals' initialisation.
        int[] labels = [2, 0, 2, 1, 0, 2];
        foreach (int junk in new[] { -1, 1, int.MaxValue, 0x7FC00001 })
        {
            int[] groups = Enumerable.Repeat(junk, 3 + 1 + labels.Length).ToArray();
            LabelGroups.Group(labels, groups, nClasses: 3, maxPerClass: 3);
            Assert.Equal(new[] { 2, 3, 6, 6, 1, 4, 3, 0, 2, 5 }, groups);
        }
    }

    /// <summary>
    /// A label outside [0, nClasses), negative ones included, is refused naming it before the scatter: the scatter's
    /// writes are unchecked, and a label the test let through would write out of the span's bounds.
    /// </summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(-3)]
    [InlineData(2)]
    [InlineData(3)]
    public void Grouping_refuses_a_label_out_of_range(int label)
    {
        // The span sits between guards, so that a label let through writes into them rather than past the array.
        const int Guard = 8;
        int[] labels = [0, 1, label, 1];
        int length = 2 + 1 + labels.Length;
        int[] buffer = [.. Enumerable.Repeat(-7, Guard + length + Guard)];
        var ex = Assert.IsType<ArgumentOutOfRangeException>(Assert.ThrowsAny<ArgumentException>(() => LabelGroups.Group(labels, buffer.AsSpan(Guard, length), nClasses: 2, maxPerClass: 3)));
        Assert.Equal("protoLabels", ex.ParamName);
        Assert.Equal(label, ex.ActualValue);
        Assert.StartsWith($"protoLabels[2] = {label} is outside [0, 2).", ex.Message, StringComparison.Ordinal);
        Assert.All(buffer[..Guard], g => Assert.Equal(-7, g));
        Assert.All(buffer[(Guard + 2 + 1)..], g => Assert.Equal(-7, g));   // no prototype scattered
    }

    /// <summary>An over-full class is named with the label that went over it, where a caller looks for the mistake.</summary>
    [Fact]
    public void Grouping_names_the_label_that_overfills_its_class()
    {
        int[] labels = [1, 0, 1, 0, 1, 1, 0];
        var ex = Assert.ThrowsAny<ArgumentException>(() => LabelGroups.Group(labels, new int[2 + 1 + labels.Length], nClasses: 2, maxPerClass: 3));
        Assert.Equal("protoLabels", ex.ParamName);
        Assert.StartsWith("Class 1 has more than maxPerClass = 3 prototypes: protoLabels[5] is its prototype number 4.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grouping_into_too_short_a_scratch_throws_before_writing()
    {
        int[] labels = [2, 0, 2, 1, 0, 2];
        int[] groups = Enumerable.Repeat(-7, 3 + labels.Length).ToArray();
        var ex = Assert.ThrowsAny<ArgumentException>(() => LabelGroups.Group(labels, groups, nClasses: 3, maxPerClass: 3));
        Assert.Equal("groups", ex.ParamName);
        Assert.All(groups, g => Assert.Equal(-7, g));
    }
}
