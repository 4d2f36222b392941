/** `npm run dev [-- --port N]`: the gateway alone, with the built-in sandbox provider. */
import { startGateway } from './dev-gateway.ts'

const { gateway } = startGateway(process.argv.slice(2))
gateway.on('exit', (code) => process.exit(code ?? 0))
