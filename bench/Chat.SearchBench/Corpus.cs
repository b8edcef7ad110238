using System.Text;

namespace Chat.SearchBench;

/// <summary>
/// A deterministic synthetic chat corpus: English-like words with a Zipf distribution (a few very common words, a long
/// tail of rare ones, as in real chat) and, for a share of messages, Chinese text without spaces drawn with a Zipf
/// distribution over common ideographs (so some bigrams are frequent and most are rare).
/// </summary>
public sealed class Corpus
{
    public const int VocabularySize = 20_000;
    private const int IdeographCount = 3_000;
    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "po", "ve", "zu", "an", "er", "is", "on", "ul", "ba", "de", "fi", "go", "hu", "ja", "ko", "le", "ma"];

    private readonly Random _random;
    private readonly double[] _wordCdf = Cdf(VocabularySize);
    private readonly double[] _charCdf = Cdf(IdeographCount);

    public Corpus(int seed)
    {
        _random = new Random(seed);
        Words = Enumerable.Range(0, VocabularySize).Select(Word).ToArray();
    }

    /// <summary>Words by frequency rank: <c>Words[0]</c> is the most common.</summary>
    public string[] Words { get; }

    public Random Random => _random;

    /// <summary>A message: 1 in 5 Chinese (8–40 characters), the others 4–20 English-like words.</summary>
    public string NextMessage()
    {
        if (_random.Next(5) == 0)
        {
            var text = new StringBuilder();
            var length = _random.Next(8, 41);
            for (var i = 0; i < length; i++)
            {
                text.Append((char)(0x4E00 + Sample(_charCdf)));
            }
            return text.ToString();
        }
        return string.Join(' ', Enumerable.Range(0, _random.Next(4, 21)).Select(_ => Words[Sample(_wordCdf)]));
    }

    private int Sample(double[] cdf)
    {
        var index = Array.BinarySearch(cdf, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cdf.Length - 1);
    }

    /// <summary>Cumulative Zipf (s = 1) probabilities over <paramref name="count"/> ranks.</summary>
    private static double[] Cdf(int count)
    {
        var weights = Enumerable.Range(1, count).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        var cdf = new double[count];
        var running = 0.0;
        for (var i = 0; i < count; i++)
        {
            running += weights[i] / total;
            cdf[i] = running;
        }
        return cdf;
    }

    /// <summary>A distinct pronounceable word per rank (two to four syllables).</summary>
    private static string Word(int rank)
    {
        var word = new StringBuilder();
        var n = rank + Syllables.Length;
        while (n > 0)
        {
            word.Append(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        }
        return word.ToString();
    }
}
