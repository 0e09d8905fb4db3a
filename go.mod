module github.com/framing/framing

go 1.26.8

require (
	github.com/jdkato/prose/v3 v3.2.3
	github.com/kljensen/snowball v0.10.0
	go.yaml.in/yaml/v3 v3.0.6
)

require gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
