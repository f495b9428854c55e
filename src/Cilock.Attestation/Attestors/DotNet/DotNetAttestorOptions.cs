namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>What <see cref="DotNetAttestor"/> records.</summary>
public sealed record DotNetAttestorOptions
{
    /// <summary>The restore graph (from <see cref="ProjectAssetsReader.Read"/>), or <c>null</c> for a project without one.</summary>
    public ProjectAssets? Assets { get; init; }

    /// <summary>The .NET SDK version (MSBuild <c>$(NETCoreSdkVersion)</c>).</summary>
    public string? SdkVersion { get; init; }

    /// <summary>The MSBuild version (<c>$(MSBuildVersion)</c>).</summary>
    public string? MSBuildVersion { get; init; }

    /// <summary>The target framework of the build (<c>$(TargetFramework)</c>).</summary>
    public string? TargetFramework { get; init; }
}
