using ChatBot.Testing;

namespace ChatBot.Host.Tests;

/// <summary>
/// Issue 21 on the real executable: article text cannot drive the terminal, and the command line takes any question
/// (one starting with '@', one piped in) and refuses an over-long one with one line.
/// </summary>
public sealed class HostileInputTests
{
    private const string Escape = "\u001b";
    private const string Bell = "\u0007";

    [Fact]
    public async Task Ask_prints_no_terminal_escape_sequence_from_an_article()
    {
        using var seeds = new TempDirectory();
        var injection = $"{Escape}]0;PWNED{Bell}{Escape}[2J{Escape}[31m";
        await File.WriteAllTextAsync(seeds.File("700_zebras.txt"),
            $"Zebras Cross the Road\n\nNAIROBI — A herd of zebras {injection}crossed the main road safely on Monday after traffic was halted, officials said.\n");
        await File.WriteAllTextAsync(seeds.File("700_zebras.meta.json"), """{ "publisher": "Zebra \u001b]0;PWNED\u0007\u001b[2J\u009b31mNews" }""");
        using var host = new HostProcess();
        host.Environment["Library__SeedsPath"] = seeds.Path;

        var (code, stdout, stderr) = await host.RunAsync("ask", "Did a herd of zebras cross the main road safely?");
        var (jsonCode, json, _) = await host.RunAsync("ask", "--json", "Did a herd of zebras cross the main road safely?");

        Assert.True(code == 0, stderr);
        Assert.Contains("crossed the main road", stdout, StringComparison.Ordinal);
        Assert.Contains("Zebra ]0;PWNED[2J31mNews", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u009b", stdout, StringComparison.Ordinal);
        Assert.Contains("]0;PWNED", stdout, StringComparison.Ordinal); // what is left of the sequence is visible text
        Assert.DoesNotContain(Escape, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Bell, stdout, StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        Assert.DoesNotContain(@"\u001b", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_question_starting_with_at_is_a_question_not_a_response_file()
    {
        using var host = new HostProcess();

        var (everyone, _, everyoneErr) = await host.RunAsync("ask", "@everyone where is Nagato?");
        var (code, stdout, stderr) = await host.RunAsync("ask", "@Abe where is Nagato?");
        var (passwd, passwdOut, passwdErr) = await host.RunAsync("ask", "@/etc/passwd");

        Assert.True(everyone == 0, everyoneErr);
        Assert.True(code == 0, stderr);
        Assert.Contains("Nagato", stdout, StringComparison.Ordinal);
        Assert.True(passwd == 0, passwdErr);
        Assert.DoesNotContain("root:", passwdOut + passwdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_dash_or_no_argument_reads_the_question_from_standard_input()
    {
        using var host = new HostProcess();

        var (dash, dashOut, dashErr) = await host.RunWithInputAsync("where is Nagato?\n", "ask", "-");
        var (piped, pipedOut, pipedErr) = await host.RunWithInputAsync("-- where is Nagato?\n", "ask", "--json");
        var (empty, _, emptyErr) = await host.RunWithInputAsync(string.Empty, "ask");

        Assert.True(dash == 0, dashErr);
        Assert.Contains("Nagato", dashOut, StringComparison.Ordinal);
        Assert.True(piped == 0, pipedErr);
        Assert.Contains("\"question\":\"-- where is Nagato?\"", pipedOut, StringComparison.Ordinal);
        Assert.Equal(2, empty);
        Assert.Single(emptyErr.Trim().Split('\n'));
        Assert.Contains("no question", emptyErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_question_is_refused_with_one_line_and_the_limit_is_configurable()
    {
        using var host = new HostProcess();
        var question = "where is Nagato? " + new string('x', 5000);

        var (code, stdout, stderr) = await host.RunAsync("ask", question);
        host.Environment["Questions__MaxLength"] = "10000";
        var (allowed, _, allowedErr) = await host.RunAsync("ask", question);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Equal($"Error: That question is {question.Length:N0} characters long; I take questions of up to 4,096. Please ask it more briefly.", stderr.Trim());
        Assert.True(allowed == 0, allowedErr);
    }
}
