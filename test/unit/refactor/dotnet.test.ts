import { beforeAll, describe, expect, it } from 'vitest';
import { lint, NO_FILES } from '../../../server/src/core/lint';
import { memoryContext } from '../../../server/src/io/context-files';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { splitTester } from '../../helpers/split-invariants';

beforeAll(() => loadShellParser());

function csproj(sdk: string, properties: string, items = ''): string {
  return `<Project Sdk="${sdk}">\n  <PropertyGroup>\n${properties}\n  </PropertyGroup>\n${items}</Project>\n`;
}

const WEB = { 'Api.csproj': csproj('Microsoft.NET.Sdk.Web', '    <TargetFramework>net8.0</TargetFramework>'), 'Program.cs': '' };
const CONSOLE = { 'Worker.csproj': csproj('Microsoft.NET.Sdk', '    <OutputType>Exe</OutputType>\n    <TargetFramework>net8.0</TargetFramework>'), 'Program.cs': '' };
const SOLUTION = {
  'Shop.sln': '',
  'NuGet.config': '<configuration />\n',
  'src/Shop.Api/Shop.Api.csproj': csproj('Microsoft.NET.Sdk.Web', '    <TargetFramework>net8.0</TargetFramework>\n    <AssemblyName>Shop</AssemblyName>', '  <ItemGroup>\n    <ProjectReference Include="..\\Shop.Core\\Shop.Core.csproj" />\n  </ItemGroup>\n'),
  'src/Shop.Core/Shop.Core.csproj': csproj('Microsoft.NET.Sdk', '    <TargetFramework>net8.0</TargetFramework>'),
  'src/Shop.Api/Program.cs': '',
};
const SIMPLE = 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app/publish\nEXPOSE 8080\nENTRYPOINT ["dotnet", "/app/publish/Api.dll"]\n';

const { good, reason } = splitTester('dotnet', WEB);

describe('.NET split', () => {
  it('restores from the project file first and runs the published dll on aspnet as the app user', () => {
    expect(good(SIMPLE).text).toBe(
      'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS builder\nWORKDIR /src\nCOPY Api.csproj ./\nRUN dotnet restore Api.csproj\nCOPY . .\nRUN dotnet publish -c Release -o /app/publish\n\n' +
        'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCOPY --from=builder /app/publish .\nEXPOSE 8080\nUSER $APP_UID\nENTRYPOINT ["dotnet", "Api.dll"]\n',
    );
  });

  it('runs a console project on the runtime image and adds the output folder', () => {
    const { text } = good('FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release\nCMD ["dotnet", "bin/Release/net8.0/publish/Worker.dll", "--once"]\n', CONSOLE);
    expect(text).toContain('RUN dotnet publish -c Release -o /app/publish\n');
    expect(text).toContain('\nFROM mcr.microsoft.com/dotnet/runtime:8.0\nWORKDIR /app\nCOPY --from=builder /app/publish .\nUSER $APP_UID\nENTRYPOINT ["dotnet", "Worker.dll"]\nCMD ["--once"]\n');
  });

  it('copies the published project and the projects it references, and restores that project', () => {
    const { text } = good(
      'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /source\nCOPY . .\nRUN dotnet publish src/Shop.Api/Shop.Api.csproj -c Release -o /out\nENTRYPOINT ["dotnet", "/out/Shop.dll"]\n',
      SOLUTION,
    );
    expect(text).toContain(
      'WORKDIR /source\nCOPY NuGet.config ./\nCOPY src/Shop.Api/Shop.Api.csproj ./src/Shop.Api/\nCOPY src/Shop.Core/Shop.Core.csproj ./src/Shop.Core/\nRUN dotnet restore src/Shop.Api/Shop.Api.csproj\nCOPY . .\n',
    );
    expect(text).toContain('COPY --from=builder /out .\n');
    expect(text).toContain('ENTRYPOINT ["dotnet", "Shop.dll"]\n');
  });

  it('moves a dotnet restore after the whole-context copy in front of it', () => {
    const { text } = good('FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet restore\nRUN dotnet publish -c Release -o /app/publish --no-restore\nENTRYPOINT ["dotnet", "/app/publish/Api.dll"]\n');
    expect(text).toContain('WORKDIR /src\nCOPY Api.csproj ./\nRUN dotnet restore\nCOPY . .\nRUN dotnet publish');
    expect(text.match(/dotnet restore/g)).toHaveLength(1);
  });

  it('runs the apphost the same way', () => {
    expect(good(SIMPLE.replace('ENTRYPOINT ["dotnet", "/app/publish/Api.dll"]', 'WORKDIR /app/publish\nENTRYPOINT ["./Api"]')).runtime).toContain('ENTRYPOINT ["dotnet", "Api.dll"]\n');
  });

  it('keeps the distribution of the SDK tag, and the target framework\'s version', () => {
    expect(good(SIMPLE.replace('sdk:8.0', 'sdk:8.0-alpine')).text).toContain('\nFROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine\n');
    expect(good(SIMPLE.replace('sdk:8.0', 'sdk:8.0.401-bookworm-slim')).text).toContain('\nFROM mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim\n');
    const net6 = good(SIMPLE, { ...WEB, 'Api.csproj': WEB['Api.csproj'].replace('net8.0', 'net6.0') });
    expect(net6.runtime).toContain('FROM mcr.microsoft.com/dotnet/aspnet:6.0\nWORKDIR /app\nRUN groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app\n');
    expect(net6.runtime).toContain('USER 10001:10001\n');
  });

  it('installs curl for a health check that uses it', () => {
    const { runtime } = good(SIMPLE.replace('EXPOSE 8080', 'EXPOSE 8080\nHEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1'));
    expect(runtime).toContain('RUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && \\\n    rm -rf /var/lib/apt/lists/*\nCOPY --from=builder');
  });

  it('is offered by stage-multi-stage', () => {
    expect(lint(SIMPLE, { files: memoryContext(WEB) }).findings.find((f) => f.ruleId === 'stage-multi-stage')?.fix).toBeDefined();
  });

  describe('refuses, saying why', () => {
    it.each([
      ['the build context is unknown', SIMPLE, NO_FILES, /^the build context is unknown, so the project file cannot be read$/],
      ['several projects', SIMPLE, { ...WEB, 'Tests.csproj': csproj('Microsoft.NET.Sdk', '') }, /^the folder `dotnet publish` runs in has several project files; name one in `dotnet publish`$/],
      ['a solution', SIMPLE.replace('dotnet publish', 'dotnet publish Shop.sln'), SOLUTION, /^`dotnet publish` publishes a solution; name the project to publish$/],
      ['no publish', 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet build -c Release\nCMD ["dotnet", "run"]\n', WEB, /^no `dotnet publish` was found; the split ships the published output$/],
      ['dotnet run', SIMPLE.replace('ENTRYPOINT ["dotnet", "/app/publish/Api.dll"]', 'CMD ["dotnet", "run", "--no-build"]'), WEB, /^`CMD` runs `dotnet run`, which needs the SDK; run the published `Api\.dll` instead$/],
      ['native AOT', SIMPLE, { ...WEB, 'Api.csproj': csproj('Microsoft.NET.Sdk.Web', '    <TargetFramework>net8.0</TargetFramework>\n    <PublishAot>true</PublishAot>') }, /^`PublishAot` is set, so the output is not a framework-dependent `\.dll`$/],
      ['self-contained', SIMPLE.replace('-o /app/publish', '-r linux-x64 --self-contained -o /app/publish'), WEB, /^`SelfContained` is set/],
      ['several target frameworks', SIMPLE, { ...WEB, 'Api.csproj': csproj('Microsoft.NET.Sdk.Web', '    <TargetFrameworks>net8.0;net9.0</TargetFrameworks>') }, /several target frameworks/],
      ['another dll', SIMPLE.replace('Api.dll', 'Other.dll'), WEB, /^`ENTRYPOINT` runs `dotnet \/app\/publish\/Other\.dll`, not the published `Api\.dll`$/],
      ['Blazor WebAssembly', SIMPLE, { 'Api.csproj': csproj('Microsoft.NET.Sdk.BlazorWebAssembly', '    <TargetFramework>net8.0</TargetFramework>') }, /static site/],
    ])('%s', (_name, dockerfile, files, expected) => {
      expect(reason(dockerfile, files)).toMatch(expected);
    });
  });
});
