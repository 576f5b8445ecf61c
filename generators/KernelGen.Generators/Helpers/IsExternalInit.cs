namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 compile <c>record</c> and <c>init</c> (the type ships in .NET 5+ only).</summary>
internal static class IsExternalInit
{
}
