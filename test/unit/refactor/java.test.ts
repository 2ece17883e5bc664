import { beforeAll, describe, expect, it } from 'vitest';
import { lint, NO_FILES } from '../../../server/src/core/lint';
import { memoryContext } from '../../../server/src/io/context-files';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { splitTester } from '../../helpers/split-invariants';

beforeAll(() => loadShellParser());

function pom(body: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n${body}\n</project>\n`;
}

const SOURCE = { 'src/main/java/com/example/App.java': 'class App {}\n' };
const MAVEN = {
  ...SOURCE,
  'pom.xml': pom(
    '  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent>\n  <groupId>com.example</groupId>\n  <artifactId>demo</artifactId>\n  <version>0.0.1-SNAPSHOT</version>\n  <dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId><version>3.3.0</version></dependency></dependencies>',
  ),
};
const MAVEN_WRAPPER = { ...MAVEN, mvnw: '#!/bin/sh\n', '.mvn/wrapper/maven-wrapper.properties': 'distributionUrl=x\n' };
const GRADLE_WRAPPER = {
  ...SOURCE,
  'build.gradle': "plugins { id 'java' }\nversion = '0.0.1-SNAPSHOT'\n",
  'settings.gradle': "rootProject.name = 'demo'\n",
  gradlew: '#!/bin/sh\n',
  'gradle/wrapper/gradle-wrapper.properties': 'distributionUrl=x\n',
};
const SIMPLE = 'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\nEXPOSE 8080\nCMD ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]\n';

const { good, reason } = splitTester('java', MAVEN);

describe('Java split', () => {
  it('resolves the Maven dependencies first and runs the jar on the JRE as a non-root user', () => {
    expect(good(SIMPLE).text).toBe(
      'FROM maven:3.9-eclipse-temurin-21 AS builder\nWORKDIR /app\nCOPY pom.xml ./\nRUN mvn -B dependency:go-offline\nCOPY . .\nRUN mvn -B package -DskipTests\n\n' +
        'FROM eclipse-temurin:21-jre\nWORKDIR /app\nRUN groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app\n' +
        'COPY --from=builder /app/target/demo-0.0.1-SNAPSHOT.jar /app/app.jar\nEXPOSE 8080\nUSER 10001:10001\nENTRYPOINT ["java", "-jar", "/app/app.jar"]\n',
    );
  });

  it('names a globbed jar from pom.xml (artifactId, version, finalName)', () => {
    expect(good(SIMPLE.replace('CMD ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]', 'CMD java -jar target/*.jar')).runtime).toContain('COPY --from=builder /app/target/demo-0.0.1-SNAPSHOT.jar /app/app.jar\n');
    const finalName = { ...MAVEN, 'pom.xml': MAVEN['pom.xml'].replace('</dependencies>', '</dependencies>\n  <build><finalName>${project.artifactId}</finalName></build>') };
    expect(good('FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD java -jar target/*.jar\n', finalName).runtime).toContain('COPY --from=builder /app/target/demo.jar /app/app.jar\n');
  });

  it('copies a jar it cannot name to a fixed name in the builder', () => {
    const files = { ...MAVEN, 'pom.xml': MAVEN['pom.xml'].replace('<version>0.0.1-SNAPSHOT</version>', '<version>${revision}</version>') };
    const { text, notes } = good('FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD java -jar target/*.jar\n', files);
    expect(text).toContain('RUN mvn -B package\nRUN cp target/*.jar app.jar\n\nFROM eclipse-temurin:21-jre\n');
    expect(text).toContain('COPY --from=builder /app/app.jar /app/app.jar\n');
    expect(notes.join('\n')).toMatch(/fails if more than one jar matches/);
  });

  it('uses the Maven wrapper and its settings folder', () => {
    const { text } = good('FROM eclipse-temurin:21-jdk\nWORKDIR /app\nCOPY . .\nRUN ./mvnw -B package -DskipTests\nCMD ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]\n', MAVEN_WRAPPER);
    expect(text).toContain('COPY pom.xml mvnw ./\nCOPY .mvn ./.mvn\nRUN ./mvnw -B dependency:go-offline\nCOPY . .\nRUN ./mvnw -B package -DskipTests\n');
    expect(text).toContain('\nFROM eclipse-temurin:21-jre\n');
  });

  it('uses the Gradle wrapper, and copies the jar a glob matches', () => {
    const { text } = good('FROM eclipse-temurin:17-jdk-jammy\nWORKDIR /workspace\nCOPY . .\nRUN ./gradlew bootJar --no-daemon\nEXPOSE 8080\nCMD java -jar build/libs/*.jar\n', GRADLE_WRAPPER);
    expect(text).toBe(
      'FROM eclipse-temurin:17-jdk-jammy AS builder\nWORKDIR /workspace\nCOPY build.gradle settings.gradle gradlew ./\nCOPY gradle ./gradle\nRUN ./gradlew --no-daemon dependencies\nCOPY . .\nRUN ./gradlew bootJar --no-daemon\nRUN cp build/libs/*.jar app.jar\n\n' +
        'FROM eclipse-temurin:17-jre-jammy\nWORKDIR /app\nRUN groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app\nCOPY --from=builder /workspace/app.jar /app/app.jar\nEXPOSE 8080\nUSER 10001:10001\nENTRYPOINT ["java", "-jar", "/app/app.jar"]\n',
    );
  });

  it('uses Gradle without a wrapper', () => {
    const files = { ...GRADLE_WRAPPER, gradlew: undefined } as unknown as Record<string, string>;
    const { text } = good('FROM gradle:8.10-jdk21\nWORKDIR /home/gradle/src\nCOPY . .\nRUN gradle build -x test\nCMD ["java", "-jar", "build/libs/demo-0.0.1-SNAPSHOT.jar"]\n', Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined)));
    expect(text).toContain('COPY build.gradle settings.gradle ./\nCOPY gradle ./gradle\nRUN gradle --no-daemon dependencies\nCOPY . .\n');
    expect(text).toContain('\nFROM eclipse-temurin:21-jre\n');
    expect(text).toContain('COPY --from=builder /home/gradle/src/build/libs/demo-0.0.1-SNAPSHOT.jar /app/app.jar\n');
  });

  it('keeps Alpine for an Alpine builder', () => {
    const { runtime } = good(SIMPLE.replace('maven:3.9-eclipse-temurin-21', 'maven:3.9.9-eclipse-temurin-17-alpine'));
    expect(runtime).toContain('FROM eclipse-temurin:17-jre-alpine\nWORKDIR /app\nRUN addgroup -S -g 10001 app && \\\n    adduser -S -u 10001 -G app -H -D app\n');
  });

  it.each([
    ['eclipse-temurin:21', 'eclipse-temurin:21-jre'],
    ['eclipse-temurin:21.0.4_7-jdk-noble', 'eclipse-temurin:21.0.4_7-jre-noble'],
    ['openjdk:17-jdk-slim', 'eclipse-temurin:17-jre'],
    ['maven:3-eclipse-temurin-11', 'eclipse-temurin:11-jre'],
  ])('a %s builder runs on %s', (builder, runtime) => {
    const { text } = good(SIMPLE.replace('maven:3.9-eclipse-temurin-21', builder).replace('RUN mvn', 'RUN apt-get update && apt-get install -y --no-install-recommends maven && rm -rf /var/lib/apt/lists/*\nRUN mvn'));
    expect(text).toContain(`\nFROM ${runtime}\n`);
  });

  it('keeps JVM options in ENTRYPOINT and application arguments in CMD', () => {
    const { runtime } = good(SIMPLE.replace('CMD ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]', 'ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/target/demo-0.0.1-SNAPSHOT.jar"]\nCMD ["--server.port=8080"]'));
    expect(runtime).toContain('ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]\nCMD ["--server.port=8080"]\n');
  });

  it('does not resolve dependencies separately for a multi-module build, and says so', () => {
    const files = { ...MAVEN, 'pom.xml': MAVEN['pom.xml'].replace('<dependencies>', '<modules><module>core</module><module>app</module></modules>\n  <dependencies>') };
    const { text, notes } = good('FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD ["java", "-jar", "app/target/app.jar"]\n', files);
    expect(text).not.toContain('go-offline');
    expect(text).toContain('COPY --from=builder /app/app/target/app.jar /app/app.jar\n');
    expect(notes.join('\n')).toMatch(/has modules/);
  });

  it('moves a dependency:go-offline after the whole-context copy in front of it', () => {
    const { text } = good('FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn dependency:go-offline\nRUN mvn package\nCMD ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]\n');
    expect(text).toContain('WORKDIR /app\nCOPY pom.xml ./\nRUN mvn dependency:go-offline\nCOPY . .\nRUN mvn package\n');
  });

  it('is offered by stage-multi-stage', () => {
    expect(lint(SIMPLE, { files: memoryContext(MAVEN) }).findings.find((f) => f.ruleId === 'stage-multi-stage')?.fix).toBeDefined();
  });

  describe('refuses, saying why', () => {
    it.each([
      ['the build context is unknown', SIMPLE, NO_FILES, /^the build context is unknown, so `pom\.xml` cannot be read$/],
      ['no Java version in the tag', SIMPLE.replace('maven:3.9-eclipse-temurin-21', 'maven:3.9'), MAVEN, /^the Java version of `maven:3\.9` is not in its tag, so the JRE cannot be matched$/],
      ['a vendor without JRE images', SIMPLE.replace('maven:3.9-eclipse-temurin-21', 'maven:3.9-amazoncorretto-21'), MAVEN, /^no JRE image is known for `maven:3\.9-amazoncorretto-21`$/],
      ['war packaging', SIMPLE, { ...MAVEN, 'pom.xml': MAVEN['pom.xml'].replace('<version>0.0.1-SNAPSHOT</version>', '<version>0.0.1-SNAPSHOT</version>\n  <packaging>war</packaging>') }, /^`pom\.xml` packages a `war`; the split handles runnable jars$/],
      ['running Maven', SIMPLE.replace('CMD ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]', 'CMD ["mvn", "spring-boot:run"]'), MAVEN, /^`CMD` runs `mvn spring-boot:run`, not `java -jar <file>`$/],
      ['a class path', SIMPLE.replace('CMD ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]', 'CMD ["java", "-cp", "target/classes", "com.example.App"]'), MAVEN, /not `java -jar <file>`$/],
      ['JAVA_OPTS expanded by the shell', SIMPLE.replace('CMD ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]', 'CMD java $JAVA_OPTS -jar target/*.jar'), MAVEN, /^`CMD` uses shell expansion \(`\$JAVA_OPTS`\)$/],
      ['no pom.xml', SIMPLE, SOURCE, /^there is no `pom\.xml` at the root of the build context$/],
      ['two builds', SIMPLE.replace('RUN mvn -B package -DskipTests', 'RUN mvn -B package && mvn -B install'), MAVEN, /more than once/],
      ['a health check tool the runtime lacks', SIMPLE.replace('EXPOSE 8080', 'EXPOSE 8080\nHEALTHCHECK CMD nc -z localhost 8080'), MAVEN, /^the `HEALTHCHECK` runs `nc`/],
    ])('%s', (_name, dockerfile, files, expected) => {
      expect(reason(dockerfile, files)).toMatch(expected);
    });
  });
});
