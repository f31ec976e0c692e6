using System.Runtime.InteropServices;

namespace LedgerExplorer.Core.Hosting;

/// <summary>
/// POSIX signals to processes we started. .NET can only SIGKILL another process (<c>Process.Kill</c>); a graceful
/// stop — the projector finishing its batch and writing its last heartbeat — needs SIGTERM, sent with libc's kill(2).
/// </summary>
public static partial class Signals
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private const int SigStop = 19;
    private const int SigCont = 18;

    /// <summary>SIGTERM: asks the process to stop. False if it could not be sent (the process is gone).</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    /// <summary>SIGKILL: the process dies at once, as in a crash.</summary>
    public static bool KillNow(int processId) => Kill(processId, SigKill) == 0;

    /// <summary>SIGSTOP: the process is frozen — to its peers, a partition; <see cref="Continue"/> thaws it.</summary>
    public static bool Freeze(int processId) => Kill(processId, SigStop) == 0;

    public static bool Continue(int processId) => Kill(processId, SigCont) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
