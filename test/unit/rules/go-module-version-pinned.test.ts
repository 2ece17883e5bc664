import { testRule } from '../../helpers/rule-tester';

testRule('go-module-version-pinned', {
  valid: [
    'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
    'FROM golang:1.23\nRUN go install github.com/example/tool@4f8a2c1b9e0d\n',
    'FROM golang:1.23\nARG V=v1.2.3\nRUN go install github.com/example/tool@${V}\n',
    'FROM golang:1.23\nRUN go install . && go install ./cmd/... && go install /src/cmd/app\n',
    'FROM golang:1.23\nRUN go run ./cmd/gen && go run main.go && go run github.com/example/gen@v1.0.0 -out x latest\n',
    'FROM golang:1.23\nRUN go get -d ./... && go mod download && go build -o /app .\n',
    'FROM golang:1.23\nRUN go get -tool github.com/example/tool@v1.0.0\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n', lines: [2], message: /follows `@latest`: pin a version such as `golang.org\/x\/tools\/gopls@v1.2.3`/ },
    { name: 'no version', code: 'FROM golang:1.23\nRUN go get github.com/example/lib\n', lines: [2], message: /has no version/ },
    { name: 'a branch, with build flags and their values', code: 'FROM golang:1.23\nRUN go install -ldflags "-s -w" -tags netgo github.com/example/tool@main\n', lines: [2] },
    { name: 'go run of a remote module, also in a builder stage', code: 'FROM golang:1.23 AS gen\nRUN go run github.com/example/gen -out x\nFROM scratch\n', lines: [2] },
    { name: 'each package of go get', code: 'FROM golang:1.23\nRUN go get -tool github.com/a/one \\\n    github.com/b/two@v2.0.0 \\\n    github.com/c/three@upgrade\n', lines: [2, 4] },
  ],
});
