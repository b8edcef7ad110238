using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Chat.Streams;

/// <summary>
/// One enqueued batch of stream events as the pulling agent caches and delivers it (also to gateways, so it is
/// serialized). The events stay in their serialized form until a consumer asks for them.
/// </summary>
[GenerateSerializer, Alias("Chat.Streams.WakingQueueBatch")]
[SerializationCallbacks(typeof(OnDeserializedCallbacks))]
public sealed class WakingQueueBatch : IBatchContainer, IOnDeserialized
{
    [Id(0)]
    private readonly EventSequenceToken _token;

    [NonSerialized]
    private DefaultMemoryMessageBodySerializer _serializer;

    [NonSerialized]
    private MemoryMessageBody? _body;

    public WakingQueueBatch(MemoryMessageData data, DefaultMemoryMessageBodySerializer serializer)
    {
        Data = data;
        _serializer = serializer;
        _token = new EventSequenceToken(data.SequenceNumber);
    }

    [Id(1)]
    public MemoryMessageData Data { get; private set; }

    public StreamId StreamId => Data.StreamId;

    public StreamSequenceToken SequenceToken => _token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Body().Events.Cast<T>().Select((e, i) => Tuple.Create<T, StreamSequenceToken>(e, _token.CreateSequenceTokenForEvent(i)));

    public bool ImportRequestContext()
    {
        if (Body().RequestContext is not { } context)
        {
            return false;
        }
        RequestContextExtensions.Import(context);
        return true;
    }

    void IOnDeserialized.OnDeserialized(DeserializationContext context) =>
        _serializer = context.ServiceProvider.GetRequiredService<DefaultMemoryMessageBodySerializer>();

    private MemoryMessageBody Body() => _body ??= _serializer.Deserialize(Data.Payload);
}
