namespace Cilock.Attestation.Attestors.Environment;

/// <summary>
/// The built-in sensitive variable names (spec attestors.md §5). Our own list of well-known secret-carrying names
/// plus the substring globs of each product: Witness matches its seven globs case-sensitively, cilock matches a wider
/// set case-insensitively.
/// </summary>
internal static class SensitiveVariables
{
    /// <summary>Well-known secret variables (exact names, both dialects).</summary>
    public static readonly IReadOnlyList<string> ExactNames =
    [
        // Cloud providers.
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AMAZON_AWS_ACCESS_KEY_ID",
        "AMAZON_AWS_SECRET_ACCESS_KEY", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_STORAGE_KEY",
        "AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_SAS_TOKEN", "ARM_CLIENT_SECRET",
        "ARM_ACCESS_KEY", "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_API_KEY", "GOOGLE_CREDENTIALS", "GCLOUD_SERVICE_KEY",
        "GCP_SERVICE_ACCOUNT_KEY", "DIGITALOCEAN_ACCESS_TOKEN", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY",
        "CF_API_KEY", "HEROKU_API_KEY", "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "LINODE_TOKEN", "VULTR_API_KEY",
        // Source hosting and CI.
        "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_PAT", "GH_PAT", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN", "GITLAB_TOKEN", "GITLAB_PRIVATE_TOKEN",
        "CI_JOB_TOKEN", "CI_JOB_JWT", "CI_JOB_JWT_V1", "CI_JOB_JWT_V2", "CI_REGISTRY_PASSWORD", "CI_DEPLOY_PASSWORD",
        "CI_BUILD_TOKEN", "BITBUCKET_TOKEN", "BITBUCKET_APP_PASSWORD", "SYSTEM_ACCESSTOKEN", "AZURE_DEVOPS_EXT_PAT",
        "CIRCLE_TOKEN", "CIRCLECI_TOKEN", "TRAVIS_TOKEN", "BUILDKITE_AGENT_TOKEN", "DRONE_TOKEN", "JENKINS_API_TOKEN",
        "CODECOV_TOKEN", "COVERALLS_REPO_TOKEN", "SONAR_TOKEN", "SNYK_TOKEN",
        // Package registries.
        "NPM_TOKEN", "NPM_AUTH_TOKEN", "NODE_AUTH_TOKEN", "NUGET_API_KEY", "NUGET_AUTH_TOKEN", "NUGET_PASSWORD",
        "PYPI_TOKEN", "PYPI_PASSWORD", "TWINE_PASSWORD", "GEM_HOST_API_KEY", "CARGO_REGISTRY_TOKEN",
        "DOCKER_PASSWORD", "DOCKER_AUTH_CONFIG", "DOCKERHUB_PASSWORD", "DOCKERHUB_TOKEN", "REGISTRY_PASSWORD",
        "ARTIFACTORY_API_KEY", "ARTIFACTORY_PASSWORD", "JFROG_ACCESS_TOKEN", "OSSRH_PASSWORD", "SONATYPE_PASSWORD",
        // Signing and secrets managers.
        "VAULT_TOKEN", "COSIGN_PASSWORD", "COSIGN_PRIVATE_KEY", "SIGSTORE_ID_TOKEN", "GPG_PASSPHRASE",
        "GPG_PRIVATE_KEY", "SSH_PRIVATE_KEY", "SIGNING_KEY", "SIGNING_PASSWORD",
        // Services and databases.
        "SLACK_TOKEN", "SLACK_WEBHOOK_URL", "SENDGRID_API_KEY", "STRIPE_SECRET_KEY", "TWILIO_AUTH_TOKEN",
        "DATADOG_API_KEY", "DD_API_KEY", "DD_APP_KEY", "NEW_RELIC_LICENSE_KEY", "SENTRY_AUTH_TOKEN", "SENTRY_DSN",
        "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HF_TOKEN", "DATABASE_URL", "MONGODB_URI", "POSTGRES_PASSWORD",
        "PGPASSWORD", "MYSQL_PASSWORD", "MYSQL_ROOT_PASSWORD", "REDIS_PASSWORD",
    ];

    /// <summary>Witness substring globs (matched case-sensitively).</summary>
    public static readonly IReadOnlyList<string> WitnessGlobs =
        ["*TOKEN*", "*SECRET*", "*API_KEY*", "*PASSWORD*", "*JWT*", "*sshKey*", "*passphrase*"];

    /// <summary>cilock substring globs (matched case-insensitively).</summary>
    public static readonly IReadOnlyList<string> CilockGlobs =
    [
        "*TOKEN*", "*SECRET*", "*API_KEY*", "*APIKEY*", "*API-KEY*", "*KEY*", "*PASSWORD*", "*PASSWD*", "*PWD*",
        "*PASSPHRASE*", "*JWT*", "*SSHKEY*", "*PAT*", "*CREDENTIAL*", "*CRED*", "*AUTH*", "*OAUTH*", "*BEARER*",
        "*PRIVATE*", "*SIGNING*", "*ACCESS_KEY*", "*SESSION_TOKEN*", "*WEBHOOK*", "*DSN*", "*CONNECTION_STRING*",
        "*DATABASE_URL*",
    ];
}
