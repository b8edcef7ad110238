using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Chat.Contracts;
using Chat.Contracts.Errors;
using Chat.ServiceDefaults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Chat.Gateway.Hosting;

/// <summary>
/// The OpenAPI 3.1 document of the REST API, generated from the endpoints themselves (their typed results, bodies and
/// <c>ProducesProblem</c> metadata): camelCase, bearer security on every endpoint that needs a token, problem details
/// with the catalog's <c>code</c>, and no request-dependent parts (no <c>servers</c>), so the document is the same
/// on every host and can be committed (docs/openapi.v1.json) and checked for staleness.
/// </summary>
public static class OpenApiExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePagePath = "/scalar";
    private const string BearerScheme = "Bearer";

    /// <summary>The REST surface (docs/PROTOCOL.md); hub, WebSocket, gRPC and health endpoints are described elsewhere.</summary>
    private static readonly string[] RestPrefixes = ["users/", "chat/"];

    /// <summary>Request fields the input rules require (a missing one is 400); every other request field is optional.</summary>
    private static readonly Dictionary<string, string[]> RequiredRequestFields = new(StringComparer.Ordinal)
    {
        ["RegisterRequest"] = ["username", "email", "password"],
        ["LoginRequest"] = ["username", "password"],
        ["UpdateProfileRequest"] = [],
        ["CreateRoomBody"] = ["name"],
        ["AddMemberRequest"] = ["username"],
        ["SendMessageRequest"] = ["roomId", "content"],
    };

    public static IServiceCollection AddChatOpenApi(this IServiceCollection services)
    {
        services.AddOptions<ApiDocsOptions>().BindConfiguration(ApiDocsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description =>
                description.RelativePath is { } path && RestPrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(RequireBearerWhereAuthorized);
            options.AddSchemaTransformer(DescribeSchema);
        });
        return services;
    }

    public static WebApplication MapChatOpenApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiDocsOptions>>().Value;
        if (!options.Document)
        {
            return app;
        }
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        var embedded = app.Services.GetRequiredService<DeploymentMode>().IsEmbedded;
        if (options.ReferencePage ?? (app.Environment.IsDevelopment() || embedded))
        {
            app.MapScalarApiReference(ReferencePagePath, page =>
            {
                page.WithTitle("Chat.Orleans REST API").WithOpenApiRoutePattern(DocumentPath);
                page.Telemetry = false;
            }).AllowAnonymous();
        }
        return app;
    }

    /// <summary>Problem-details responses (<c>application/problem+json</c>) for each of <paramref name="statusCodes"/>.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
        {
            builder.ProducesProblem(status);
        }
        return builder;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Chat.Orleans REST API",
            Version = DocumentName,
            Description = "The REST surface of the gateway (docs/PROTOCOL.md). Times are Unix epoch milliseconds. "
                + "Errors other than a bare 401 are RFC 7807 problem details whose `code` is the error catalog's wire code; "
                + "429 and 503 carry `Retry-After` (seconds).",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The token from POST /users/register or POST /users/login.",
        };
        return Task.CompletedTask;
    }

    private static Task RequireBearerWhereAuthorized(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        }
        BodyIsExpected(operation);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Handlers take their body as nullable so that an absent one gets the input rules' 400 rather than a binding
    /// failure; to a client the body is simply required, so describe it as the object alone.
    /// </summary>
    private static void BodyIsExpected(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content is not { } content)
        {
            return;
        }
        foreach (var media in content.Values)
        {
            if (media.Schema is OpenApiSchema { OneOf: [var first, var second] }
                && (first is OpenApiSchema { Type: JsonSchemaType.Null } || second is OpenApiSchema { Type: JsonSchemaType.Null }))
            {
                media.Schema = first is OpenApiSchema { Type: JsonSchemaType.Null } ? second : first;
            }
        }
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
        }
    }

    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        NumbersAreNumbers(schema);
        if (type == typeof(ProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The error catalog's wire code (docs/PROTOCOL.md, \"Error catalog\").",
                Enum = [.. WireCodes().Select(code => (JsonNode)JsonValue.Create(code))],
            };
        }
        else if (RequiredRequestFields.TryGetValue(type.Name, out var required))
        {
            schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
            foreach (var field in required)
            {
                if (schema.Properties is { } properties && properties.TryGetValue(field, out var found) && found is OpenApiSchema { Type: { } kind } property)
                {
                    property.Type = kind & ~JsonSchemaType.Null;
                }
            }
        }
        else if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object && type.Namespace?.StartsWith("Chat.", StringComparison.Ordinal) == true)
        {
            // Answers: every member is written (null where the type allows it) unless it is left out when null.
            schema.Required = new HashSet<string>(
                context.JsonTypeInfo.Properties
                    .Where(property => property.AttributeProvider is PropertyInfo info && info.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                    .Select(property => property.Name),
                StringComparer.Ordinal);
            if (type == typeof(MessageDto) && schema.Properties?.TryGetValue("messageType", out var messageType) == true && messageType is OpenApiSchema kind)
            {
                kind.Enum = [JsonValue.Create("text"), JsonValue.Create("system")];
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The web JSON options also read numbers written as strings, which the generator shows as "integer or string";
    /// the server always writes numbers, and that is what clients should send.
    /// </summary>
    private static void NumbersAreNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } kind && (kind & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (kind & JsonSchemaType.String) != 0)
        {
            schema.Type = kind & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    private static IEnumerable<string> WireCodes() =>
        ErrorCatalog.All.Select(row => row.WireCode).Distinct(StringComparer.Ordinal);
}
