using System.Runtime.InteropServices;

namespace LedgerExplorer.Core.Hosting;

/// <summary>
/// POSIX signals to processes we started. .NET can only SIGKILL another process (<c>Process.Kill</c>); a graceful
/// stop — the projector finishing its batch and writing its last heartbeat — needs SIGTERM, sent with libc's kill(2).
/// </summary>
public static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>SIGTERM: asks the process to stop. False if it could not be sent (the process is gone).</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
