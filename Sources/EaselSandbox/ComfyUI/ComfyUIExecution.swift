import EaselCore
import EaselImage
import Foundation

/// How the sandbox "runs" a prompt, with the messages ComfyUI sends its client: `execution_start`,
/// `executing` per node, `progress` per sampling step spread over the sandbox's delay, a binary
/// preview frame per step (JPEG and PNG in turn), `executed` for the save node,
/// `execution_success` and `executing {node: null}`. The images are painted at the graph's
/// size, as many as its batch, and saved as PNGs with ComfyUI's `prompt` and `workflow` text
/// chunks, where `/view` serves them; a graph that loads pictures paints over them
/// (`ComfyUIInputPainting`), repainting only where its mask says.
struct ComfyUIExecution: Sendable {
    let book: ComfyUIBook
    let delay: Double

    func run(_ prompt: ComfyUIBook.Prompt) async {
        let graph = ComfyUIGraph(nodes: { if case .object(let nodes) = prompt.graph { nodes } else { [:] } }())
        let inputs = ComfyUIInputs(finding: graph)
        func literal(_ slots: [ComfyUIInputs.Slot]) -> Int? { slots.lazy.compactMap { graph.input($0.node, $0.input)?.intValue }.first }
        let source = await ComfyUIInputPainting(graph: graph, inputs: inputs, book: book)
        let width = min(2048, max(8, literal(inputs.width) ?? source?.base.width ?? 512))
        let height = min(2048, max(8, literal(inputs.height) ?? source?.base.height ?? 512))
        let batch = min(16, max(1, literal(inputs.batch) ?? 1))
        let steps = min(200, max(1, literal(inputs.steps) ?? 20))
        let text = inputs.positive.lazy.compactMap { graph.input($0.node, $0.input)?.stringValue }.first ?? ""
        let client = prompt.clientID
        func send(_ type: String, _ data: [String: JSONValue]) async {
            var data = data
            data["prompt_id"] = .string(prompt.id)
            await book.send(.text(JSONValue.object(["type": .string(type), "data": .object(data)]).jsonText), to: client)
        }
        await send("execution_start", ["timestamp": .int(Int(Date().timeIntervalSince1970 * 1000))])
        let sampler = graph.orderedIDs.first { graph.classType($0)?.hasPrefix("KSampler") == true } ?? graph.orderedIDs.first ?? "3"
        let saver = graph.orderedIDs.first { ComfyUIPromptCheck.outputClasses.contains(graph.classType($0) ?? "") } ?? "9"
        for id in graph.orderedIDs where id != saver {
            await send("executing", ["node": .string(id), "display_node": .string(id)])
            guard id == sampler else { continue }
            let small = ImagePainter.paint(prompt: text, seed: 7, width: 64, height: 64)
            let previews: [[UInt8]] = [
                [0, 0, 0, 1, 0, 0, 0, 1] + ((try? JPEGEncoder.encode(small, quality: 70)) ?? []),
                [0, 0, 0, 1, 0, 0, 0, 2] + ((try? PNGEncoder.encode(small)) ?? []),
            ]
            for step in 1...steps {
                if delay > 0 { try? await Task.sleep(for: .milliseconds(Int64(delay * 1000 / Double(steps)))) }
                if await book.isInterrupted(prompt.id) {
                    await send("execution_interrupted", ["node_id": .string(id), "node_type": .string(graph.classType(id) ?? ""), "executed": .array([])])
                    await book.finish(prompt, outputs: .object([:]), status: "error", messages: [
                        .array([.string("execution_interrupted"), .object(["prompt_id": .string(prompt.id), "node_id": .string(id)])])
                    ])
                    return
                }
                await send("progress", ["value": .int(step), "max": .int(steps), "node": .string(id)])
                await book.send(.binary(previews[step % 2 == 1 ? 0 : 1]), to: client)
            }
        }
        await send("executing", ["node": .string(saver), "display_node": .string(saver)])
        var images: [JSONValue] = []
        let workflow = prompt.extraData["extra_pnginfo"]?["workflow"]?.jsonText
            ?? #"{"last_node_id":0,"last_link_id":0,"nodes":[],"links":[],"version":0.4}"#
        for index in 0..<batch {
            let picture = source?.paint(prompt: text, seed: UInt64(index), width: width, height: height)
                ?? ImagePainter.paint(prompt: text, seed: UInt64(index), width: width, height: height)
            guard let bytes = try? PNGEncoder.encode(picture, textChunks: [("prompt", prompt.graph.jsonText), ("workflow", workflow)]) else { continue }
            let name = String(format: "Easel_%05d_.png", prompt.number * 100 + index)
            await book.store(SandboxFile(bytes: bytes, contentType: "image/png"), name: name, subfolder: "", type: "output")
            images.append(.object(["filename": .string(name), "subfolder": .string(""), "type": .string("output")]))
        }
        await send("executed", ["node": .string(saver), "display_node": .string(saver), "output": .object(["images": .array(images)])])
        await book.finish(prompt, outputs: .object([saver: .object(["images": .array(images)])]), status: "success", messages: [
            .array([.string("execution_start"), .object(["prompt_id": .string(prompt.id)])]),
            .array([.string("execution_success"), .object(["prompt_id": .string(prompt.id)])]),
        ])
        await send("execution_success", [:])
        await send("executing", ["node": .null])
    }
}
