import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Organisation } from '../entities';

@Injectable()
export class OrganisationRepository {
  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  create(input: { name: string }): Promise<Organisation> {
    return this.organisations.save(this.organisations.create(input));
  }

  findById(id: string): Promise<Organisation | null> {
    return this.organisations.findOneBy({ id });
  }

  list(): Promise<Organisation[]> {
    return this.organisations.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
