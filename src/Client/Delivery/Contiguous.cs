namespace Chat.Client.Delivery;

/// <summary>The one rule of in-order delivery that messages (by seq) and changes (by changeSeq) share.</summary>
internal static class Contiguous
{
    /// <summary>
    /// Hands out the buffered items that continue <paramref name="last"/> without a gap, in key order, and drops those
    /// at or below it. <paramref name="advanced"/> sees each new last key before its item is handed out; a handler that
    /// throws is reported to <paramref name="failed"/> and never stops the run.
    /// </summary>
    public static void Drain<T>(SortedList<long, T> buffer, ref long? last, Action<long> advanced, Action<T> deliver, Action<Exception, long> failed)
    {
        while (buffer.Count > 0 && buffer.Keys[0] <= last + 1)
        {
            var (key, item) = (buffer.Keys[0], buffer.Values[0]);
            buffer.RemoveAt(0);
            if (key <= last)
            {
                continue;
            }
            last = key;
            advanced(key);
            try
            {
                deliver(item);
            }
            catch (Exception exception)
            {
                failed(exception, key);
            }
        }
    }
}
