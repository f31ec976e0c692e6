namespace LedgerExplorer.Tests.Support;

/// <summary>Looks for bytes in a file as it is on disk right now (the crypto-shredding proofs' scan).</summary>
public static class FileScan
{
    /// <summary>Whether <paramref name="file"/> holds <paramref name="needle"/>. A -wal or -shm file SQLite removed since it was listed holds nothing (its content went to the database file).</summary>
    public static bool Holds(string file, byte[] needle)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray().AsSpan().IndexOf(needle) >= 0;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
