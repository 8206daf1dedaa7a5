using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Storage.LiteDb;

/// <summary>
/// The LiteDB file of this process: opened once on first use (after taking <see cref="LiteDbProcessLock"/>), a
/// damaged file moved aside and rebuilt with one warning. Reads run side by side, a write excludes them, so a
/// reader sees an article before or after its replacement, never between; each write is one LiteDB transaction,
/// so a crash leaves the last committed state (LiteDB replays its log on the next open).
/// </summary>
public sealed class LiteDbDatabase : IDisposable
{
    private readonly ILogger<LiteDbDatabase> _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<(LiteDatabase Db, LiteDbProcessLock Lock)> _open;
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);

    public LiteDbDatabase(IOptions<LiteDbStorageOptions> options, ILogger<LiteDbDatabase> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        FilePath = Path.GetFullPath(options.Value.LiteDbPath);
        _open = new Lazy<(LiteDatabase, LiteDbProcessLock)>(Open, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string FilePath { get; }

    /// <summary>Test seam: runs inside every write transaction just before commit, to simulate a crash there.</summary>
    internal Action? BeforeCommit { get; set; }

    /// <summary>Opens the file now (start-up), so a refusal or a rebuild happens before any work.</summary>
    public void EnsureOpen() => _ = _open.Value;

    public T Read<T>(Func<LiteDatabase, T> read)
    {
        var db = _open.Value.Db;
        _gate.EnterReadLock();
        try
        {
            return read(db);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public void Write(Action<LiteDatabase> write)
    {
        var db = _open.Value.Db;
        _gate.EnterWriteLock();
        try
        {
            db.BeginTrans();
            try
            {
                write(db);
                BeforeCommit?.Invoke();
                db.Commit();
            }
            catch
            {
                db.Rollback();
                throw;
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    private (LiteDatabase, LiteDbProcessLock) Open()
    {
        var folder = Path.GetDirectoryName(FilePath)!;
        LiteDbProcessLock processLock;
        try
        {
            Directory.CreateDirectory(folder);
            processLock = LiteDbProcessLock.Acquire(FilePath, _time);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw ReadOnly(folder, ex);
        }
        catch (IOException ex) when (ex is not LiteDbStoreInUseException)
        {
            throw ReadOnly(folder, ex);
        }

        try
        {
            try
            {
                return (OpenChecked(), processLock);
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                var aside = MoveAside();
                _logger.LogWarning(
                    "The LiteDB file {Path} is damaged ({Reason}); moved it to {Aside} and rebuilding the index from the library. " +
                    "Lost: bot state (the Telegram update offset, so recent Telegram messages may be answered twice).",
                    FilePath, ex.Message.TrimEnd('.'), Path.GetFileName(aside));
                return (OpenChecked(), processLock);
            }
        }
        catch
        {
            processLock.Dispose();
            throw;
        }
    }

    private LiteDatabase OpenChecked()
    {
        var db = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
        try
        {
            // Touch every collection's first pages: a damaged header or index shows here, at start-up, not mid-answer.
            foreach (var name in db.GetCollectionNames().ToList())
            {
                _ = db.GetCollection(name).Query().Limit(1).ToList();
            }

            LiteDbCollections.EnsureIndexes(db);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static bool IsDamage(Exception ex) =>
        ex is LiteException or InvalidCastException or IndexOutOfRangeException or ArgumentOutOfRangeException
            or EndOfStreamException or InvalidDataException or OverflowException or FormatException;

    private string MoveAside()
    {
        var aside = $"{FilePath}.corrupt-{_time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        File.Move(FilePath, aside, overwrite: true);
        var log = LogPath(FilePath);
        if (File.Exists(log))
        {
            File.Move(log, LogPath(aside), overwrite: true);
        }

        return aside;
    }

    /// <summary>LiteDB's write-ahead log beside the file: <c>name-log.ext</c>.</summary>
    internal static string LogPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    private static IOException ReadOnly(string folder, Exception inner) =>
        new($"The data folder {folder} cannot be written ({inner.Message.TrimEnd('.')}); LiteDB needs to write its file and lock " +
            "there. Make it writable or set Storage:LiteDbPath to a writable place.", inner);

    public void Dispose()
    {
        if (_open.IsValueCreated)
        {
            _open.Value.Db.Dispose();
            _open.Value.Lock.Dispose();
        }

        _gate.Dispose();
    }
}
