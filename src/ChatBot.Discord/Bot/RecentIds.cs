namespace ChatBot.Discord.Bot;

/// <summary>
/// Remembers the last few thousand message/interaction ids handled, so an event the gateway delivers twice
/// (a replay after resume overlapping what was already seen) is never answered twice.
/// </summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time an id is seen.</summary>
    public bool TryAdd(string id)
    {
        lock (_lock)
        {
            if (!_ids.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
