using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KernelGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators;

public sealed partial class ShapesGenerator
{
    internal static partial class Parser
    {
        private static readonly string[] s_shapeParameterNames = ["nClasses", "maxPerClass", "features"];

        /// <summary>What a <c>[Shapes]</c> attribute declares, read from its bound arguments.</summary>
        /// <param name="NClasses">The <c>nClasses</c> argument.</param>
        /// <param name="MaxPerClass">The <c>maxPerClass</c> argument.</param>
        /// <param name="Features">The <c>features</c> argument.</param>
        /// <param name="IsDouble"><c>ElementType = typeof(double)</c>.</param>
        /// <param name="Epsilon">The <c>Epsilon</c> argument, or the default.</param>
        /// <param name="Parallel">The <c>Parallel</c> argument.</param>
        /// <param name="ParallelLocation">Where <c>Parallel</c> is set (KG0015), else the attribute.</param>
        /// <param name="ElementValid">The element type is float or double (else KG0004).</param>
        /// <param name="IsValid">The generator emits kernels for these values: no KG0002 to KG0005.</param>
        private readonly record struct DeclaredShape(
            int NClasses, int MaxPerClass, int Features, bool IsDouble, double Epsilon, bool Parallel, Location ParallelLocation, bool ElementValid, bool IsValid);

        /// <summary>Whether the attribute's three constructor arguments are bound integers (else the compiler has an error to report).</summary>
        private static bool HasShapeArguments(AttributeData attribute) =>
            attribute.ConstructorArguments.Length == 3 &&
            attribute.ConstructorArguments.All(a => a.Kind != TypedConstantKind.Error && a.Value is int);

        /// <summary>
        /// The shape and settings the attribute declares, checked against the generator's limits: the one reading of an
        /// attribute, for the class that carries it and for a class whose arguments read its constants. Null where an
        /// argument is unbound, which is the compiler's to report.
        /// </summary>
        /// <param name="attribute">The <c>[Shapes]</c> attribute.</param>
        /// <param name="attributeSyntax">Its syntax, to locate the diagnostics on the arguments that cause them.</param>
        /// <param name="attributeLocation">Where a diagnostic goes whose argument has no location of its own.</param>
        /// <param name="diagnostics">Receives KG0002 to KG0005 for the class that carries the attribute; null to check only.</param>
        private static DeclaredShape? ReadShape(AttributeData attribute, AttributeSyntax? attributeSyntax, Location attributeLocation, List<DiagnosticInfo>? diagnostics)
        {
            if (!HasShapeArguments(attribute))
            {
                return null;
            }

            // KG0002 / KG0003: the shape.
            int[] shape = [.. attribute.ConstructorArguments.Select(a => (int)a.Value!)];
            bool valid = true;
            for (int i = 0; i < 3; i++)
            {
                if (shape[i] < 1)
                {
                    valid = false;
                    diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeBelowOne,
                        ArgumentLocation(attributeSyntax, i, s_shapeParameterNames[i]) ?? attributeLocation,
                        s_shapeParameterNames[i], shape[i].ToString(CultureInfo.InvariantCulture)));
                }
            }

            if (valid && ShapeLimits.FirstExceededLimit(shape[0], shape[1], shape[2]) is (string tooLarge, _, string limit))
            {
                // On the argument the factories would name as ParamName, as KG0002 is.
                valid = false;
                int index = Array.IndexOf(s_shapeParameterNames, tooLarge);
                diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeTooLarge, ArgumentLocation(attributeSyntax, index, tooLarge) ?? attributeLocation,
                    shape[0].ToString(CultureInfo.InvariantCulture), shape[1].ToString(CultureInfo.InvariantCulture),
                    shape[2].ToString(CultureInfo.InvariantCulture), limit));
            }

            // KG0004 / KG0005: the named properties.
            bool isDouble = false, parallel = false, elementValid = true;
            Location parallelLocation = attributeLocation;
            double epsilon = ShapeLimits.DefaultEpsilon;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                // An argument the compiler cannot bind (an unknown name, typeof of an unknown type), or refuses in an attribute
                // (typeof of a type parameter or of dynamic), is its error to report.
                if (named.Value.Kind == TypedConstantKind.Error ||
                    named.Value.Value is ITypeSymbol unbound && IsTheCompilersToReport(unbound))
                {
                    return null;
                }

                Location location = NamedArgumentLocation(attributeSyntax, named.Key) ?? attributeLocation;
                if (named.Key == "ElementType")
                {
                    var elementType = named.Value.Value as ITypeSymbol;
                    if (elementType?.SpecialType == SpecialType.System_Double)
                    {
                        isDouble = true;
                    }
                    else if (elementType?.SpecialType != SpecialType.System_Single)
                    {
                        elementValid = false;
                        diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedElementType, location,
                            elementType?.ToDisplayString() ?? "null"));
                    }
                }
                else if (named.Key == "Parallel" && named.Value.Value is bool parallelValue)
                {
                    parallel = parallelValue;
                    parallelLocation = location;
                }
                else if (named.Key == "Epsilon" && named.Value.Value is double value)
                {
                    epsilon = value;
                    if (!ShapeLimits.IsValidEpsilon(value))
                    {
                        valid = false;
                        diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEpsilon, location,
                            Emitting.Literals.Number(value), ShapeLimits.MaxEpsilonText));
                    }
                }
            }

            return new DeclaredShape(shape[0], shape[1], shape[2], isDouble, epsilon, parallel, parallelLocation, elementValid, valid && elementValid);
        }
    }
}
