using System.Security;
using System.Text;

namespace Cilock.Reports.Tests;

/// <summary>TRX documents shaped like VSTest/MSTest 4 output (taken from a real run and reduced).</summary>
internal static class TrxSamples
{
    public const string Root = "/work/ws";

    /// <summary>A real MSTest 4.5.2 run: 8 results (2 passed, 4 failed incl. a timeout and a data row, 2 not executed).</summary>
    public static string Mixed => Build(
        start: "2026-12-02T07:21:45.6106227+00:00",
        finish: "2026-12-02T07:21:46.5074410+00:00",
        ("Skipped", "NotExecuted", "CalcTests", null, "not today", null),
        ("Add_Passes", "Passed", "CalcTests", "00:00:00.0074610", null, null),
        ("Add_Fails", "Failed", "CalcTests", "00:00:00.0098852",
            "Assertion failed. Expected values to be equal.\nmath is broken\n\nexpected: 3\nactual:   2",
            $"   at Sample.Tests.CalcTests.Add_Fails() in {Root}/tests/Sample.Tests/Tests.cs:line 7"),
        ("Rows (2)", "Failed", "CalcTests", "00:00:00.0008332", "Assertion failed. Expected values to be equal.", null),
        ("Throws", "Failed", "CalcTests", "00:00:00.0008928", "Test method Sample.Tests.CalcTests.Throws threw exception:\r\nSystem.InvalidOperationException: boom <xml> & stuff", null),
        ("Slow", "Failed", "CalcTests", "00:00:00.2031990", "Test 'Slow' timed out after 200ms", null),
        ("Inconclusive", "NotExecuted", "CalcTests", "00:00:00.0006100", "Assert.Inconclusive. maybe", null),
        ("Rows (1)", "Passed", "CalcTests", "00:00:00.0001245", null, null));

    /// <summary>A TRX with the given results (name, outcome, class, duration, message, stack trace).</summary>
    public static string Build(string start, string finish, params (string Name, string Outcome, string Class, string? Duration, string? Message, string? Stack)[] results)
    {
        var body = new StringBuilder();
        var definitions = new StringBuilder();
        for (var i = 0; i < results.Length; i++)
        {
            var (name, outcome, cls, duration, message, stack) = results[i];
            var id = $"00000000-0000-0000-0000-{i:D12}";
            body.Append($"""    <UnitTestResult executionId="{id}" testId="{id}" testName="{Esc(name)}" computerName="vm" """)
                .Append(duration is null ? "" : $"""duration="{duration}" """)
                .Append($"""startTime="{start}" endTime="{finish}" testType="13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b" outcome="{outcome}" testListId="8c84fa94-04c1-424b-9868-57a2d4851a1d">""");
            if (message is not null || stack is not null)
            {
                body.Append("<Output><ErrorInfo>");
                if (message is not null)
                {
                    body.Append($"<Message>{Esc(message)}</Message>");
                }

                if (stack is not null)
                {
                    body.Append($"<StackTrace>{Esc(stack)}</StackTrace>");
                }

                body.Append("</ErrorInfo></Output>");
            }

            body.AppendLine("</UnitTestResult>");
            var method = name.Split(' ')[0];
            definitions.AppendLine($"""
                    <UnitTest name="{Esc(name)}" storage="{Root}/tests/sample.tests/bin/debug/net10.0/sample.tests.dll" id="{id}">
                      <Execution id="{id}" />
                      <TestMethod codeBase="{Root}/tests/Sample.Tests/bin/Debug/net10.0/Sample.Tests.dll" adapterTypeName="executor://mstestadapter/v4" className="Sample.Tests.{cls}" name="{Esc(method)}" />
                    </UnitTest>
                """);
        }

        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="7896b5ad-0dcb-4592-b2b2-3cbbba380cbc" name="@vm 2026-12-02 07:21:46" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Times creation="{start}" queuing="{start}" start="{start}" finish="{finish}" />
              <Results>
            {body}  </Results>
              <TestDefinitions>
            {definitions}  </TestDefinitions>
              <ResultSummary outcome="Failed">
                <Counters total="99" executed="99" passed="99" failed="0" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
              </ResultSummary>
            </TestRun>
            """;
    }

    private static string Esc(string text) => SecurityElement.Escape(text)!;
}
