using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shazamazon.QA.EdgeHost.ApiDocument;

/// <summary>
/// The OpenAPI 3.1 document of the contract at <c>/openapi/v1.json</c>, from the framework's generator
/// (Microsoft.AspNetCore.OpenApi) over the mapped routes. Two transformers add what it cannot see: the parameters the
/// handlers read themselves (<see cref="ApiParameter"/>, with their bounds), ids in paths as integers, and the admin
/// key. The document names no server, so it reads the same wherever it is served; <c>docs/openapi.json</c> holds a copy,
/// kept equal by a test, so a change of the contract shows as a diff.
/// </summary>
internal static class ApiDocumentSetup
{
    public const string DocumentName = "v1";

    public static void AddEdgeApiDocument(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "QaEdge",
                    Version = DocumentName,
                    Description = "Product questions and answers, served from a cached edge tier. Conventions, caching headers and consistency: docs/api.md.",
                };
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[AdminKey] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Admin.AdminEndpoints.KeyHeader,
                    Description = "Qa:Admin:ApiKey. Without it configured, the admin routes answer 404.",
                };
                document.Components.SecuritySchemes[ModeratorKey] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Moderation.ModerationEndpoints.KeyHeader,
                    Description = "Qa:Moderation:ModeratorKey, or the admin key. With neither configured, the moderation routes answer 404.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.Parameters ??= [];
                foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path && p.Name!.EndsWith("Id", StringComparison.Ordinal)))
                {
                    parameter.Schema = ApiParameter.Id();
                }

                foreach (var described in context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiParameter>())
                {
                    operation.Parameters.Add(described.ToParameter());
                }

                if (context.Description.RelativePath?.StartsWith("admin", StringComparison.Ordinal) == true)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminKey, context.Document)] = [] }];
                }
                else if (context.Description.RelativePath?.StartsWith("api/v1/moderation", StringComparison.Ordinal) == true)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ModeratorKey, context.Document)] = [] }];
                }

                return Task.CompletedTask;
            });
        });

    public static void MapEdgeApiDocument(this IEndpointRouteBuilder routes) => routes.MapOpenApi().RequireCors(Browsers.CorsSetup.Reads);

    private const string AdminKey = "adminKey";

    private const string ModeratorKey = "moderatorKey";
}
